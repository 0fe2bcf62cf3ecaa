import { api, describe } from '../api.js';
import { h, clear, section, statusBadge, badge, table, time, text } from '../dom.js';
import { onLive, refreshOnTaskEvents } from '../live.js';

export async function render(view, { can, base }) {
  const health = h('div', { class: 'modules', id: 'module-health' });
  const numbers = h('dl', { class: 'numbers' });
  const failures = h('div', { id: 'recent-failures' });
  const auditBox = h('div', { id: 'audit-head' });
  clear(view,
    h('h1', {}, 'Overview'),
    h('div', { class: 'grid' },
      section('Module health', health),
      section('Throughput', numbers),
      can('audit:read') ? section('Audit chain', auditBox) : null),
    can('tasks:read') ? section('Recent failures', failures) : null);

  const showHealth = (modules, overall) => clear(health,
    h('p', {}, 'Blux ', statusBadge(overall)),
    h('ul', { class: 'plain' }, Object.entries(modules).map(([name, status]) => h('li', {}, h('span', { class: 'mono' }, name), ' ', statusBadge(status)))));
  const initial = await api('/health');
  showHealth(initial.services, initial.status);

  const perSecond = h('dd', { id: 'tasks-per-second' }, '…');
  const queueDepth = h('dd', { id: 'queue-depth' }, '…');
  const running = h('dd', { id: 'active-tasks' }, '…');
  clear(numbers, [['Tasks per second', perSecond], ['Queue depth', queueDepth], ['Running', running]].map(([label, value]) => h('div', {}, h('dt', {}, label), value)));

  const loadFailures = async () => {
    if (!can('tasks:read')) return;
    const page = await api('/v1/tasks?status=failed&page_size=5');
    clear(failures, table([
      { label: 'Task', cell: (t) => h('a', { href: `${base}/tasks/${encodeURIComponent(t.task_id)}`, 'data-link': true, class: 'mono' }, t.task_id) },
      { label: 'Type', cell: (t) => t.type },
      { label: 'Error', cell: (t) => text(t.error_code) },
      { label: 'When', cell: (t) => time(t.completed_at ?? t.created_at) },
    ], page.tasks, 'No failed tasks.'));
  };

  if (can('audit:read')) {
    try {
      const [report, checkpoint] = await Promise.all([
        api('/v1/audit/verify'),
        api('/v1/audit/checkpoints/latest').catch((error) => (error.status === 404 ? null : Promise.reject(error))),
      ]);
      clear(auditBox,
        h('p', { id: 'chain-badge' }, report.valid ? badge('Chain valid', 'ok') : badge(`Chain broken at seq ${report.first_failure?.seq}: ${report.first_failure?.reason}`, 'bad')),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Head'), h('dd', {}, h('span', { class: 'mono' }, `#${text(report.head?.seq)} `), h('span', { class: 'mono hash', title: text(report.head?.record_hash) }, text(report.head?.record_hash))),
          h('dt', {}, 'Records checked'), h('dd', {}, text(report.checked)),
          h('dt', {}, 'Last checkpoint'), h('dd', { class: 'mono' }, checkpoint ? `#${checkpoint.seq} at ${time(checkpoint.timestamp)}` : 'none yet')));
    } catch (error) {
      clear(auditBox, h('p', { class: 'error' }, describe(error)));
    }
  }

  const stopFailures = await refreshOnTaskEvents(loadFailures);
  const stopNumbers = onLive((frame) => {
    showHealth(frame.modules, frame.status);
    perSecond.textContent = frame.tasks_per_second.toFixed(2);
    queueDepth.textContent = String(frame.queue_size);
    running.textContent = String(frame.active_tasks);
  });
  return () => { stopFailures(); stopNumbers(); };
}
