import { api, describe, setAntiforgery, whenUnauthorized } from './api.js';
import { h, clear, field } from './dom.js';
import { startLive, stopLive } from './live.js';
import * as overview from './pages/overview.js';
import * as tasks from './pages/tasks.js';
import * as task from './pages/task.js';
import * as approvals from './pages/approvals.js';
import * as audit from './pages/audit.js';
import * as keys from './pages/keys.js';
import * as doctrine from './pages/doctrine.js';
import * as identities from './pages/identities.js';

const base = '/commander';
const view = document.getElementById('view');
let session = null;
let cleanup = null;
let renders = 0;

const can = (scope) => session?.scopes.includes(scope) ?? false;

function route(pathname) {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length).replace(/^\/+|\/+$/g, '') : '';
  const [page = '', id] = rest.split('/').map(decodeURIComponent);
  switch (page) {
    case '': return { name: 'overview', module: overview };
    case 'tasks': return id ? { name: 'tasks', module: task, id } : { name: 'tasks', module: tasks };
    case 'approvals': return { name: 'approvals', module: approvals };
    case 'audit': return { name: 'audit', module: audit };
    case 'keys': return { name: 'keys', module: keys };
    case 'doctrine': return { name: 'doctrine', module: doctrine };
    case 'identities': return { name: 'identities', module: identities };
    default: return { name: 'missing', module: null };
  }
}

export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

async function render() {
  cleanup?.();
  cleanup = null;
  renders += 1;
  if (!session) {
    showSignIn();
    return;
  }
  const current = route(location.pathname);
  for (const link of document.querySelectorAll('#nav a')) {
    link.hidden = Boolean(link.dataset.scope) && !can(link.dataset.scope);
    link.toggleAttribute('aria-current', link.dataset.page === current.name);
    if (link.dataset.page === current.name) link.setAttribute('aria-current', 'page');
  }
  if (!current.module) {
    clear(view, h('h1', {}, 'Not found'), h('p', {}, 'No such Commander page.'));
    return;
  }
  // Each render draws into its own element: a slower, older render that finishes late writes into a
  // page no longer shown, and its live subscriptions are ended at once.
  const generation = renders;
  const page = h('div', { class: 'page' }, h('p', { class: 'muted' }, 'Loading…'));
  clear(view, page);
  const params = new URLSearchParams(location.search);
  try {
    const stop = await current.module.render(page, { session, can, params, id: current.id, navigate, base }) ?? null;
    if (generation === renders) cleanup = stop;
    else stop?.();
  } catch (error) {
    clear(page, h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, describe(error)));
  }
  if (generation === renders) view.focus({ preventScroll: true });
}

function showSignIn(notice = '') {
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  const clientId = h('input', { name: 'client_id', autocomplete: 'username', required: true });
  const secret = h('input', { name: 'client_secret', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', role: 'alert' }, notice);
  const form = h('form', { class: 'card sign-in', 'aria-label': 'Sign in' },
    h('h1', {}, 'Sign in to Blux'),
    h('p', { class: 'muted' }, 'Use an identity\'s client id and secret. The token stays on the server; this browser holds only a session cookie.'),
    field('Client id', clientId), field('Client secret', secret), message,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      const opened = await api(`${base}/session`, { method: 'POST', body: { grant_type: 'client_credentials', client_id: clientId.value, client_secret: secret.value } });
      secret.value = '';
      signedIn(opened);
    } catch (error) {
      message.textContent = describe(error);
    }
  });
  clear(view, form);
  clientId.focus();
}

function signedIn(opened) {
  session = opened;
  setAntiforgery(opened.antiforgery_token);
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = `Signed in as ${opened.identity}`;
  if (can('tasks:read')) startLive();
  render();
}

async function signOut() {
  try {
    await api(`${base}/session/end`, { method: 'POST' });
  } finally {
    stopLive();
    session = null;
    setAntiforgery(null);
    cleanup?.();
    cleanup = null;
    history.pushState(null, '', base);
    showSignIn();
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', render);
document.getElementById('sign-out').addEventListener('click', signOut);
whenUnauthorized(() => {
  if (!session) return;
  stopLive();
  session = null;
  setAntiforgery(null);
  cleanup?.();
  cleanup = null;
  renders += 1;
  showSignIn('The session has ended; sign in again.');
});

try {
  const current = await api(`${base}/session`);
  if (current) signedIn(current);
  else showSignIn();
} catch {
  showSignIn();
}
