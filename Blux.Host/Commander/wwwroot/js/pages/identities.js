import { api, describe } from '../api.js';
import { h, clear, section, statusBadge, table, time, field, select, confirmStep } from '../dom.js';

const roles = ['admin', 'operator', 'auditor', 'approver', 'service'];

export async function render(view, { can }) {
  const list = h('div', { id: 'identity-list' });
  const message = h('div', { role: 'status', id: 'identity-message' });
  const writable = can('identities:write');
  const id = h('input', { name: 'id', placeholder: 'user_bob (optional)' });
  const kind = select('kind', [['user', 'user'], ['service', 'service']], 'user');
  const name = h('input', { name: 'display_name', required: true });
  const roleBoxes = roles.map((role) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'roles', value: role }), ` ${role}`));
  const form = h('form', { class: 'filters', 'aria-label': 'Create an identity' },
    field('Id', id), field('Kind', kind), field('Display name', name),
    h('fieldset', {}, h('legend', {}, 'Roles'), roleBoxes),
    h('button', { type: 'submit', class: 'primary' }, 'Create'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api('/v1/identities', { method: 'POST', body: {
        id: id.value || undefined, kind: kind.value, display_name: name.value,
        roles: roleBoxes.map((l) => l.querySelector('input')).filter((c) => c.checked).map((c) => c.value),
      } });
      clear(message, h('div', { class: 'secret' },
        h('p', {}, `Created ${created.id}. Its client secret is shown this once; store it now.`),
        h('code', { id: 'new-secret' }, created.client_secret)));
      form.reset();
      await load();
    } catch (error) {
      clear(message, h('p', { class: 'error' }, describe(error)));
    }
  });
  clear(view, h('h1', {}, 'Identities'), writable ? section('Create', form, message) : message, section('Identities', list));

  const load = async () => {
    const { identities } = await api('/v1/identities');
    clear(list, table([
      { label: 'Id', cell: (i) => h('span', { class: 'mono' }, i.id) },
      { label: 'Kind', cell: (i) => i.kind },
      { label: 'Name', cell: (i) => i.display_name },
      { label: 'Roles', cell: (i) => i.roles.join(', ') },
      { label: 'Status', cell: (i) => statusBadge(i.status) },
      { label: 'Created', cell: (i) => time(i.created_at) },
      { label: '', cell: (i) => (writable && i.status === 'active' ? disable(i) : '') },
    ], identities));
  };
  const disable = (identity) => {
    const cell = h('div', { class: 'decide' });
    cell.append(h('button', { type: 'button', class: 'danger', onclick: () => confirmStep(cell, `Disable ${identity.id}? Its tokens stop working at once.`, async () => {
      try {
        await api(`/v1/identities/${encodeURIComponent(identity.id)}/disable`, { method: 'POST' });
        await load();
      } catch (error) {
        clear(message, h('p', { class: 'error' }, describe(error)));
      }
    }) }, 'Disable'));
    return cell;
  };
  await load();
  return null;
}
