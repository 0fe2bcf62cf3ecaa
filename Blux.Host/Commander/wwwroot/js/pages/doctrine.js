import { api, describe } from '../api.js';
import { h, clear, section, table, time, pre, field, select, statusBadge, badge } from '../dom.js';

const sample = {
  type: 'echo',
  context: { user_id: 'user_alice', environment: 'development', sensitivity: 'low' },
  doctrine_requirements: { require_reflection: false, sandbox_execution: false, audit_level: 'basic' },
  payload: { n: 1 },
};

export async function render(view, { params, navigate, base }) {
  const [current, history] = await Promise.all([api('/v1/policies'), api('/v1/policies/history?documents=true')]);
  const versions = history.entries.map((e) => String(e.doctrine_version));
  const from = params.get('from') ?? versions[1] ?? versions[0];
  const to = params.get('to') ?? versions[0];
  const fromSelect = select('from', versions.map((v) => [v, `v${v}`]), from);
  const toSelect = select('to', versions.map((v) => [v, `v${v}`]), to);
  const diffForm = h('form', { class: 'filters', 'aria-label': 'Compare doctrine versions' }, field('From', fromSelect), field('To', toSelect), h('button', { type: 'submit' }, 'Compare'));
  diffForm.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`${base}/doctrine?from=${encodeURIComponent(fromSelect.value)}&to=${encodeURIComponent(toSelect.value)}`);
  });
  const documentOf = (version) => history.entries.find((e) => String(e.doctrine_version) === version)?.document ?? null;

  const request = h('textarea', { name: 'request', rows: 12, spellcheck: 'false' }, JSON.stringify(sample, null, 2));
  const outcome = h('div', { id: 'dry-run-result', role: 'status' });
  const dryRun = h('form', { 'aria-label': 'Dry run' }, field('Task request (JSON)', request), h('button', { type: 'submit', class: 'primary' }, 'Dry run'), outcome);
  dryRun.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const decision = await api('/v1/validate', { method: 'POST', body: request.value });
      clear(outcome, h('p', {}, 'Decision ', statusBadge(decision.decision), ` under doctrine v${decision.doctrine_version}`),
        h('ul', {}, (decision.reasons ?? []).map((r) => h('li', {}, `${r.code}: ${r.message}${r.rule_id ? ` (rule ${r.rule_id})` : ''}`))),
        h('p', {}, (decision.doctrine_flags ?? []).map((f) => badge(f, 'info'))), pre(decision.effective_requirements));
    } catch (error) {
      clear(outcome, h('p', { class: 'error' }, describe(error)));
    }
  });

  clear(view, h('h1', {}, 'Doctrine'),
    section(`Current: v${current.doctrine_version}`, h('p', {}, 'Digest ', h('span', { class: 'mono' }, current.digest)),
      h('details', {}, h('summary', {}, 'The whole document'), pre(current))),
    section('History', table([
      { label: 'Version', cell: (e) => `v${e.doctrine_version}` },
      { label: 'Applied', cell: (e) => time(e.applied_at) },
      { label: 'By', cell: (e) => e.applied_by },
      { label: 'Digest', cell: (e) => h('span', { class: 'mono hash' }, e.digest) },
    ], history.entries)),
    section('Diff between versions', diffForm, diff(JSON.stringify(documentOf(from), null, 2), JSON.stringify(documentOf(to), null, 2))),
    section('Dry run', h('p', { class: 'muted' }, 'POST /v1/validate: the decision for a request, nothing executes.'), dryRun));
  return null;
}

// A line diff (longest common subsequence) of two pretty-printed documents.
function diff(before, after) {
  const a = (before ?? '').split('\n');
  const b = (after ?? '').split('\n');
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) {
    lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { lines.push([' ', a[i]]); i++; j++; }
    else if (j < b.length && (i === a.length || lengths[i][j + 1] >= lengths[i + 1][j])) { lines.push(['+', b[j]]); j++; }
    else { lines.push(['-', a[i]]); i++; }
  }
  const changed = lines.filter(([mark]) => mark !== ' ').length;
  return h('div', {},
    h('p', { class: 'muted' }, changed === 0 ? 'No differences.' : `${changed} changed lines.`),
    h('pre', { class: 'diff', id: 'doctrine-diff' }, lines.map(([mark, line]) => h('span', { class: mark === '+' ? 'add' : mark === '-' ? 'del' : 'same' }, `${mark} ${line}\n`))));
}
