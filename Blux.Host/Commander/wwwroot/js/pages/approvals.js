import { api, describe } from '../api.js';
import { h, clear, table, time, confirmStep } from '../dom.js';
import { refreshOnTaskEvents } from '../live.js';

// Four-eyes: Blux refuses the submitter (403); the page says so instead of hiding the task.
export async function render(view, { can, base, session }) {
  if (!can('tasks:approve')) {
    clear(view, h('h1', {}, 'Approvals'), h('p', {}, 'This identity has no tasks:approve scope.'));
    return null;
  }
  const list = h('div', { id: 'approval-list' });
  const message = h('p', { class: 'error', role: 'alert', id: 'approval-message' });
  clear(view, h('h1', {}, 'Approvals'), h('p', { class: 'muted' }, 'Tasks the doctrine holds for a person. The submitter cannot approve their own task.'), message, list);

  const load = async () => {
    const page = await api('/v1/tasks?status=awaiting_approval&page_size=100');
    clear(list, table([
      { label: 'Task', cell: (t) => h('a', { href: `${base}/tasks/${encodeURIComponent(t.task_id)}`, 'data-link': true, class: 'mono' }, t.task_id) },
      { label: 'Type', cell: (t) => t.type },
      { label: 'Submitted by', cell: (t) => [t.identity, t.identity.endsWith(`:${session.identity}`) ? ' (you)' : ''] },
      { label: 'Created', cell: (t) => time(t.created_at) },
      { label: 'Decide', cell: (t) => decide(t) },
    ], page.tasks, 'Nothing is waiting for approval.'));
  };

  const decide = (t) => {
    const cell = h('div', { class: 'decide', 'data-task-id': t.task_id });
    const reason = h('input', { name: 'reason', 'aria-label': `Reason for ${t.task_id}`, placeholder: 'Reason' });
    const act = (action) => () => confirmStep(cell, `${action === 'approve' ? 'Approve' : 'Reject'} ${t.task_id}?`, async () => {
      message.textContent = '';
      try {
        await api(`/v1/tasks/${encodeURIComponent(t.task_id)}/${action}`, { method: 'POST', body: { reason: reason.value || `${action}d in Commander` } });
        await load();
      } catch (error) {
        message.textContent = describe(error);
      }
    });
    cell.append(reason,
      h('button', { type: 'button', class: 'primary', 'data-action': 'approve', onclick: act('approve') }, 'Approve'),
      h('button', { type: 'button', class: 'danger', 'data-action': 'reject', onclick: act('reject') }, 'Reject'));
    return cell;
  };

  return refreshOnTaskEvents(load);
}
