import { api, describe } from '../api.js';
import { h, clear, section, statusBadge, badge, table, time, text, pre, confirmStep, field } from '../dom.js';
import { refreshOnTaskEvents } from '../live.js';
import { loadAuditKeys, verifyRecord } from '../verify.js';

const phases = {
  TaskStart: 'Task accepted; validation by Guard',
  ReflectionNote: 'Reflection by Ca',
  RouteDecision: 'Route decided; queued for execution',
  ApprovalRequested: 'Held for approval',
  TaskCompleted: 'Completed',
  TaskFailed: 'Failed',
};

export async function render(view, { id, can, base, navigate }) {
  const draw = async () => {
    const [taskData, events, keys] = await Promise.all([
      api(`/v1/tasks/${encodeURIComponent(id)}`),
      api(`/v1/tasks/${encodeURIComponent(id)}/events`),
      loadAuditKeys(),
    ]);
    const trail = can('audit:read') ? await storedRecords(taskData.audit_trail ?? []) : taskData.audit_trail ?? [];
    const verdicts = await Promise.all(trail.map((record, i) => (record ? verifyRecord(record, keys) : { ok: false, reason: `not in the audit log: ${taskData.audit_trail[i].audit_id}` })));
    clear(view,
      h('p', {}, h('a', { href: `${base}/tasks`, 'data-link': true }, '← Tasks')),
      h('h1', {}, 'Task ', h('span', { class: 'mono' }, taskData.task_id), ' ', h('span', { id: 'task-status', 'data-status': taskData.status }, statusBadge(taskData.status))),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Type'), h('dd', {}, taskData.type),
        h('dt', {}, 'Submitted by'), h('dd', {}, taskData.identity),
        h('dt', {}, 'Created'), h('dd', {}, time(taskData.created_at)),
        h('dt', {}, 'Completed'), h('dd', {}, time(taskData.completed_at)),
        h('dt', {}, 'Attempts'), h('dd', {}, text(taskData.attempts))),
      actions(taskData, can, draw),
      section('Timeline', waterfall(events.events ?? [], taskData.audit_trail ?? [])),
      taskData.reflection ? section('Reflection', reflection(taskData.reflection)) : null,
      section('Decision', decision(taskData)),
      section('Result', taskData.error ? h('p', { class: 'error' }, `${taskData.error.code}: ${taskData.error.message}`) : null, h('div', { id: 'task-result' }, pre(taskData.result ?? null))),
      section('Audit records',
        h('p', { class: 'muted' }, can('audit:read')
          ? 'Each record as the audit log holds it, checked in this browser: its hash recomputed (RFC 8785) and its ES512 signature verified with the published audit key.'
          : 'Each record as the task names it, checked in this browser (audit:read would read them from the audit log itself).'),
        auditTable(taskData.audit_trail ?? [], verdicts, base)));
    status = taskData.status;
  };
  let status = null;
  const finished = ['completed', 'failed', 'cancelled', 'timed_out', 'rejected'];
  return refreshOnTaskEvents(async () => {
    if (!finished.includes(status)) await draw();
  });
}

// The task's records read from the audit log (GET /v1/audit over the task's time window), not from
// the task's own answer, so that a record changed in the store is what the browser checks.
async function storedRecords(trail) {
  if (trail.length === 0) return [];
  const wanted = new Set(trail.map((r) => r.audit_id));
  const times = trail.map((r) => Date.parse(r.timestamp)).filter((t) => !Number.isNaN(t));
  const found = new Map();
  let token = null;
  let pages = 0;
  do {
    const query = new URLSearchParams({
      since: new Date(Math.min(...times)).toISOString(),
      until: new Date(Math.max(...times) + 1).toISOString(),
      page_size: '500',
    });
    if (token) query.set('page_token', token);
    const page = await api(`/v1/audit?${query}`);
    for (const record of page.entries) if (wanted.has(record.audit_id)) found.set(record.audit_id, record);
    token = page.next_page_token;
    pages += 1;
  } while (token && found.size < wanted.size && pages < 20);
  return trail.map((r) => found.get(r.audit_id) ?? null);
}

function actions(taskData, can, redraw) {
  const box = h('div', { class: 'actions', id: 'task-actions' });
  const message = h('p', { class: 'error', role: 'alert' });
  if (taskData.status === 'awaiting_approval' && can('tasks:approve')) {
    const reason = h('input', { name: 'reason', placeholder: 'Why' });
    const act = (action) => () => confirmStep(box, `${action === 'approve' ? 'Approve' : 'Reject'} task ${taskData.task_id}?`, async () => {
      try {
        await api(`/v1/tasks/${encodeURIComponent(taskData.task_id)}/${action}`, { method: 'POST', body: { reason: reason.value || `${action}d in Commander` } });
        await redraw();
      } catch (error) {
        message.textContent = describe(error);
      }
    });
    box.append(field('Reason', reason),
      h('button', { type: 'button', class: 'primary', 'data-action': 'approve', onclick: act('approve') }, 'Approve'),
      h('button', { type: 'button', class: 'danger', 'data-action': 'reject', onclick: act('reject') }, 'Reject'));
  }
  box.append(message);
  return box;
}

// Bars start where their step started and run until the next step, on one time axis from the first
// event to the last: the Temporal-style event history, with the audit records in the same flow.
function waterfall(events, records) {
  const steps = [
    ...events.map((e) => ({ at: Date.parse(e.event.timestamp), label: e.event.event_type, detail: phases[e.event.event_type] ?? e.event.source, kind: 'event' })),
    ...records.map((r) => ({ at: Date.parse(r.timestamp), label: `audit ${r.operation}`, detail: `Audit record #${r.seq}`, kind: 'audit' })),
  ].filter((s) => !Number.isNaN(s.at)).sort((a, b) => a.at - b.at);
  if (steps.length === 0) return h('p', { class: 'muted' }, 'No events yet.');
  const start = steps[0].at;
  const end = Math.max(steps[steps.length - 1].at, start + 1);
  const total = end - start;
  return h('ol', { class: 'waterfall', id: 'timeline', 'aria-label': 'Timeline of the task' }, steps.map((step, i) => {
    const until = i + 1 < steps.length ? steps[i + 1].at : step.at;
    const left = ((step.at - start) / total) * 100;
    const width = Math.max(((until - step.at) / total) * 100, 0.6);
    return h('li', { class: `step step-${step.kind}`, 'data-step': step.label },
      h('span', { class: 'step-label' }, h('strong', {}, step.label), h('small', {}, step.detail)),
      h('span', { class: 'step-track' }, h('span', { class: 'step-bar', style: { marginLeft: `${Math.min(left, 99.4)}%`, width: `${Math.min(width, 100 - left)}%` } })),
      h('span', { class: 'step-time' }, `+${step.at - start} ms`, i + 1 < steps.length ? ` (${until - step.at} ms)` : ''));
  }));
}

function reflection(note) {
  return [
    h('p', {}, 'Risk ', statusBadge(note.risk), ` score ${text(note.risk_score)}, recommendation `, statusBadge(note.recommendation), `, confidence ${text(note.confidence)}`),
    h('p', {}, note.insight),
    h('ul', { class: 'factors', id: 'factors', 'aria-label': 'Reflection factors' }, (note.factors ?? []).map((f) => h('li', { 'data-factor': f.name },
      h('span', { class: 'factor-name' }, f.name),
      h('span', { class: 'factor-track', role: 'img', 'aria-label': `${f.name}: value ${f.value}, weight ${f.weight}` },
        h('span', { class: 'factor-bar', style: { width: `${Math.max(0, Math.min(1, Number(f.value) || 0)) * 100}%` } })),
      h('span', { class: 'factor-value' }, `${f.value} × ${f.weight}`),
      h('span', { class: 'factor-explanation' }, f.explanation)))),
  ];
}

function decision(taskData) {
  const route = taskData.route ?? {};
  return [
    h('dl', { class: 'facts' },
      h('dt', {}, 'Route'), h('dd', {}, text(route.selected_route)),
      h('dt', {}, 'Rationale'), h('dd', {}, text(route.rationale)),
      h('dt', {}, 'Requirements'), h('dd', {}, Object.entries(taskData.effective_requirements ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ') || '—'),
      h('dt', {}, 'Context'), h('dd', {}, Object.entries(taskData.context ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ') || '—')),
    h('p', { id: 'doctrine-flags' }, (route.doctrine_flags ?? []).map((flag) => badge(flag, 'info'))),
  ];
}

function auditTable(records, verdicts, base) {
  const rows = records.map((record, i) => ({ record, verdict: verdicts[i] }));
  return table([
    { label: 'Seq', cell: (r) => String(r.record.seq) },
    { label: 'Operation', cell: (r) => r.record.operation },
    { label: 'Status', cell: (r) => statusBadge(r.record.status) },
    { label: 'When', cell: (r) => time(r.record.timestamp) },
    { label: 'Record hash', cell: (r) => h('span', { class: 'mono hash' }, r.record.record_hash) },
    { label: 'In this browser', cell: (r) => h('span', { class: 'verdict', 'data-audit-id': r.record.audit_id, 'data-verified': String(r.verdict.ok) },
      r.verdict.ok ? badge('verified', 'ok') : badge(`failed: ${r.verdict.reason}`, 'bad')) },
    { label: 'Record', cell: (r) => h('a', { href: `${base}/audit?audit_id=${encodeURIComponent(r.record.audit_id)}`, 'data-link': true, class: 'mono' }, r.record.audit_id) },
  ], rows, 'No audit records yet.');
}
