import { api } from '../api.js';
import { h, clear, field, select, statusBadge, table, time, text } from '../dom.js';
import { refreshOnTaskEvents } from '../live.js';

const statuses = ['', 'accepted', 'awaiting_approval', 'queued', 'running', 'completed', 'failed', 'cancelled', 'timed_out', 'rejected'];

export async function render(view, { params, navigate, base }) {
  const status = select('status', statuses.map((s) => [s, s || 'any']), params.get('status') ?? '');
  const type = h('input', { name: 'type', value: params.get('type') ?? '', placeholder: 'echo, script…' });
  const identity = h('input', { name: 'identity', value: params.get('identity') ?? '', placeholder: 'user:alice' });
  const since = h('input', { name: 'since', type: 'datetime-local', value: params.get('since') ?? '' });
  const form = h('form', { class: 'filters', 'aria-label': 'Task filters' },
    field('Status', status), field('Type', type), field('Identity', identity), field('Created since (UTC)', since),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, control] of [['status', status], ['type', type], ['identity', identity], ['since', since]]) {
      if (control.value) next.set(name, control.value);
    }
    navigate(`${base}/tasks${next.size ? `?${next}` : ''}`);
  });
  const list = h('div', { id: 'task-list', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of tasks' });
  clear(view, h('h1', {}, 'Tasks'), form, list, pager);

  const load = async () => {
    const query = new URLSearchParams({ page_size: '25' });
    for (const name of ['status', 'type', 'identity', 'page_token']) if (params.get(name)) query.set(name, params.get(name));
    // The form's time is UTC without a zone (datetime-local); the API takes RFC 3339.
    const since = params.get('since') ? new Date(`${params.get('since')}Z`) : null;
    if (since && !Number.isNaN(since.getTime())) query.set('since', since.toISOString());
    const page = await api(`/v1/tasks?${query}`);
    const shown = page.tasks;
    clear(list, table([
      { label: 'Task', cell: (t) => h('a', { href: `${base}/tasks/${encodeURIComponent(t.task_id)}`, 'data-link': true, class: 'mono' }, t.task_id) },
      { label: 'Type', cell: (t) => t.type },
      { label: 'Status', cell: (t) => h('span', { 'data-status': t.status }, statusBadge(t.status)) },
      { label: 'Identity', cell: (t) => t.identity },
      { label: 'Route', cell: (t) => text(t.route) },
      { label: 'Created', cell: (t) => time(t.created_at) },
      { label: 'Took', cell: (t) => (t.started_at && t.completed_at ? `${Date.parse(t.completed_at) - Date.parse(t.started_at)} ms` : '—') },
    ], shown, 'No tasks match.'));
    const first = new URLSearchParams(params);
    first.delete('page_token');
    const next = new URLSearchParams(params);
    if (page.next_page_token) next.set('page_token', page.next_page_token);
    clear(pager,
      params.get('page_token') ? h('a', { href: `${base}/tasks${first.size ? `?${first}` : ''}`, 'data-link': true }, 'First page') : null,
      page.next_page_token ? h('a', { href: `${base}/tasks?${next}`, 'data-link': true }, 'Next page') : null);
  };
  return refreshOnTaskEvents(load);
}
