import { api, describe } from '../api.js';
import { h, clear, field, select, statusBadge, badge, table, time, text, section } from '../dom.js';
import { loadAuditKeys, verifyRecord } from '../verify.js';

const filterNames = ['service', 'operation', 'identity', 'status', 'since', 'until'];

export async function render(view, { params, navigate, base }) {
  const controls = {
    service: h('input', { name: 'service', value: params.get('service') ?? '', placeholder: 'blux-lite' }),
    operation: h('input', { name: 'operation', value: params.get('operation') ?? '', placeholder: 'task.execute' }),
    identity: h('input', { name: 'identity', value: params.get('identity') ?? '', placeholder: 'user:admin' }),
    status: select('status', [['', 'any'], ['success', 'success'], ['failure', 'failure'], ['denied', 'denied']], params.get('status') ?? ''),
    since: h('input', { name: 'since', value: params.get('since') ?? '', placeholder: '2026-01-01T00:00:00Z' }),
    until: h('input', { name: 'until', value: params.get('until') ?? '', placeholder: 'RFC 3339' }),
  };
  const form = h('form', { class: 'filters', 'aria-label': 'Audit filters' },
    Object.entries(controls).map(([name, control]) => field(name[0].toUpperCase() + name.slice(1), control)),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, control] of Object.entries(controls)) if (control.value) next.set(name, control.value);
    navigate(`${base}/audit${next.size ? `?${next}` : ''}`);
  });
  const query = new URLSearchParams({ page_size: '50' });
  for (const name of filterNames) if (params.get(name)) query.set(name, params.get(name));
  const verifyResult = h('span', { id: 'verify-result', role: 'status' });
  const streamState = h('span', { id: 'stream-state' }, badge('connecting', 'info'));
  const list = h('div', { id: 'audit-list' });
  clear(view, h('h1', {}, 'Audit'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'verify-chain', onclick: async () => {
        clear(verifyResult, 'verifying…');
        try {
          const report = await api('/v1/audit/verify');
          clear(verifyResult, report.valid ? badge(`Chain valid (${report.checked} records)`, 'ok') : badge(`Broken at seq ${report.first_failure?.seq}: ${report.first_failure?.reason}`, 'bad'));
        } catch (error) {
          clear(verifyResult, describe(error));
        }
      } }, 'Verify chain'), verifyResult,
      h('a', { href: '/v1/audit/export', download: 'blux-audit.jsonl', class: 'button' }, 'Export (JSONL)'),
      ' Live: ', streamState),
    form, section('Records', list));

  const keys = await loadAuditKeys();
  const single = params.get('audit_id');
  let records = single ? [await api(`/v1/audit/${encodeURIComponent(single)}`)] : (await api(`/v1/audit?${query}`)).entries;
  const verdicts = new Map();
  const draw = async () => {
    for (const record of records) if (!verdicts.has(record.audit_id)) verdicts.set(record.audit_id, await verifyRecord(record, keys));
    clear(list, table([
      { label: 'Seq', cell: (r) => String(r.seq) },
      { label: 'When', cell: (r) => time(r.timestamp) },
      { label: 'Service', cell: (r) => r.service },
      { label: 'Operation', cell: (r) => r.operation },
      { label: 'Identity', cell: (r) => r.identity },
      { label: 'Status', cell: (r) => statusBadge(r.status) },
      { label: 'Data', cell: (r) => h('code', { class: 'data' }, JSON.stringify(r.data ?? {})) },
      { label: 'In this browser', cell: (r) => {
        const verdict = verdicts.get(r.audit_id);
        return h('span', { class: 'verdict', 'data-audit-id': r.audit_id, 'data-verified': String(verdict.ok) }, verdict.ok ? badge('verified', 'ok') : badge(`failed: ${verdict.reason}`, 'bad'));
      } },
    ], records, 'No records match.'));
  };
  await draw();

  if (single) return null;
  // EventSource sends Last-Event-ID when it reconnects, and the server replays what was missed.
  const matches = (r) => filterNames.every((name) => {
    const wanted = params.get(name);
    if (!wanted) return true;
    if (name === 'since') return Date.parse(r.timestamp) >= Date.parse(wanted);
    if (name === 'until') return Date.parse(r.timestamp) <= Date.parse(wanted);
    return r[name] === wanted;
  });
  const stream = new EventSource('/v1/audit/stream');
  stream.addEventListener('open', () => clear(streamState, badge('connected', 'ok')));
  // A refused stream (too many open for this identity, or signed out) is not retried by the browser.
  stream.addEventListener('error', () => clear(streamState, stream.readyState === EventSource.CLOSED
    ? badge('disconnected: too many open streams or signed out; reload to retry', 'bad')
    : badge('reconnecting', 'warn')));
  stream.addEventListener('audit', (event) => {
    const record = JSON.parse(event.data);
    if (!matches(record) || records.some((r) => r.seq === record.seq)) return;
    records = [record, ...records].slice(0, 200);
    draw().catch(() => {});
  });
  return () => stream.close();
}
