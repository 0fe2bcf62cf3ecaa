import { api, describe } from '../api.js';
import { h, clear, section, statusBadge, table, time, text, field, select, confirmStep } from '../dom.js';

export async function render(view, { can }) {
  if (!can('keys:rotate')) {
    clear(view, h('h1', {}, 'Keys'), h('p', {}, 'This identity has no keys:rotate scope.'));
    return null;
  }
  const list = h('div', { id: 'key-list' });
  const message = h('p', { role: 'status', id: 'key-message' });
  const keyType = select('key_type', [['token_signing', 'Token signing'], ['audit_signing', 'Audit signing']], 'token_signing');
  const reason = h('input', { name: 'rotation_reason', value: 'scheduled', required: true });
  const form = h('form', { class: 'filters', 'aria-label': 'Rotate a key' }, field('Key type', keyType), field('Reason', reason), h('button', { type: 'submit', class: 'primary' }, 'Rotate'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    confirmStep(form, `Rotate the ${keyType.value} key? The new key is published at once.`, async () => {
      try {
        const rotated = await api('/v1/keys/rotate', { method: 'POST', body: { key_type: keyType.value, rotation_reason: reason.value } });
        message.textContent = `Rotated: ${rotated.key.key_id} signs from ${time(rotated.key.valid_after)} (audit record ${rotated.audit_id}).`;
        await load();
      } catch (error) {
        message.textContent = describe(error);
      }
    });
  });
  clear(view, h('h1', {}, 'Keys'), section('Rotate', form, message), section('Signing keys', list));

  const load = async () => {
    const { keys } = await api('/v1/keys');
    clear(list, table([
      { label: 'Key', cell: (k) => h('span', { class: 'mono' }, k.key_id) },
      { label: 'Type', cell: (k) => k.key_type },
      { label: 'Status', cell: (k) => h('span', { 'data-key-status': k.status }, statusBadge(k.status)) },
      { label: 'Created', cell: (k) => time(k.created_at) },
      { label: 'Signs from', cell: (k) => time(k.valid_after) },
      { label: 'Retired / revoked', cell: (k) => time(k.revoked_at ?? k.retired_at) },
      { label: 'Verifies until', cell: (k) => (k.verifies_until ? time(k.verifies_until) : text(k.status === 'revoked' ? 'no longer' : 'open')) },
      { label: 'Reason', cell: (k) => text(k.revocation_reason ?? k.rotation_reason) },
      { label: '', cell: (k) => (k.status === 'revoked' ? '' : revoke(k)) },
    ], keys));
  };

  const revoke = (k) => {
    const cell = h('div', { class: 'decide' });
    cell.append(h('button', { type: 'button', class: 'danger', 'data-revoke': k.key_id, onclick: () => confirmStep(cell, `Revoke ${k.key_id}? Its signatures stop verifying at once.`, async () => {
      try {
        await api(`/v1/keys/${encodeURIComponent(k.key_id)}/revoke`, { method: 'POST', body: { reason: 'revoked in Commander' } });
        message.textContent = `Revoked ${k.key_id}`;
        await load();
      } catch (error) {
        message.textContent = describe(error);
      }
    }) }, 'Revoke'));
    return cell;
  };
  await load();
  return null;
}
