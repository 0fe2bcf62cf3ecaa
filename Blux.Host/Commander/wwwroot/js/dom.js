// Every value reaches the page as text: elements are built here, and strings only ever become
// text nodes or attribute values, never markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'style') Object.assign(element.style, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const text = (value) => (value === null || value === undefined ? '—' : String(value));

export function time(value) {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function badge(label, kind) {
  return h('span', { class: `badge badge-${kind}` }, label);
}

export function statusBadge(status) {
  const kind = {
    completed: 'ok', healthy: 'ok', active: 'ok', success: 'ok', allow: 'ok',
    failed: 'bad', rejected: 'bad', unhealthy: 'bad', revoked: 'bad', failure: 'bad', denied: 'bad', deny: 'bad', timed_out: 'bad', disabled: 'bad',
    awaiting_approval: 'warn', degraded: 'warn', require_approval: 'warn', pending: 'warn', cancelled: 'warn',
  }[status] ?? 'info';
  return badge(text(status), kind);
}

export function table(columns, rows, empty = 'Nothing to show.') {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { 'data-label': c.label }, c.cell(row))))))));
}

export function field(label, control) {
  const id = control.id || `f-${Math.random().toString(36).slice(2)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

export function select(name, options, value) {
  return h('select', { name }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export function pre(value) {
  return h('pre', { class: 'json' }, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

// A confirm step inside the page (no window.confirm, so it is keyboard- and test-friendly).
export function confirmStep(container, message, onConfirm) {
  const box = h('div', { class: 'confirm', role: 'alertdialog', 'aria-label': 'Confirm' },
    h('p', {}, message),
    h('button', { type: 'button', class: 'danger', 'data-confirm': 'yes', onclick: async () => { box.remove(); await onConfirm(); } }, 'Confirm'),
    h('button', { type: 'button', onclick: () => box.remove() }, 'Cancel'));
  container.append(box);
  box.querySelector('button').focus();
}
