// Measurements of the running app (not tests): first-run import, launch to
// interactive, compare command times, RSS. Run by `scripts/e2e.sh --measure`
// (same environment as run.mjs). Prints one line per figure.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, waitFor } from './webdriver.mjs';

const APP = process.env.E2E_APP;
const DRIVER = process.env.E2E_DRIVER || 'http://127.0.0.1:4444';
const caps = { browserName: 'wry', 'tauri:options': { application: APP } };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Launch the app and wait until the library list shows rows; ms from the session request. */
async function launch() {
  const t0 = Date.now();
  const s = await Session.create(DRIVER, caps);
  await s.setTimeouts({ script: 120000 });
  const session = Date.now() - t0;
  await waitFor('library rows', async () => (await s.findAll('[data-testid="doc-row"]')).length > 0, 120000, 20);
  return { s, session, rows: Date.now() - t0 };
}

/** Time one command inside the page (performance.now around invoke), ms. */
async function timed(s, cmd, args) {
  const r = await s.execAsync(
    `const done = arguments[arguments.length - 1];
     const t = performance.now();
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then((v) => done({ ms: performance.now() - t, pairs: v && v.pairs ? v.pairs.length : null }), (e) => done({ err: e }));`,
    [cmd, args],
  );
  if (r.err) throw new Error(`${cmd}: ${JSON.stringify(r.err)}`);
  return r;
}

function rssMiB() {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'policydiff-app') continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) return (Number(m[1]) / 1024).toFixed(0);
    } catch {
      /* process went away */
    }
  }
  return '?';
}

const req = (left, right) => ({ request: { left, right, diff: { granularity: 'word', ignore_whitespace: false, ignore_punct_width: false } } });

// 1. First run: new library, corpus import on a background thread.
let { s, session, rows } = await launch();
const t1 = Date.now();
await waitFor('corpus import', async () => (await s.invoke('library_status')).ok?.ready, 120000, 50);
console.log(`first run: session ${session} ms, first rows ${rows} ms, corpus import done ${rows + Date.now() - t1} ms after launch`);
await s.close();

// 2. Second launch on the corpus library.
({ s, session, rows } = await launch());
console.log(`launch on corpus library: webdriver session ${session} ms, library rows shown ${rows} ms after launch`);
const list = (await s.invoke('list_documents_page', { filter: { region: null, level: null, year: null, sort: 'id' }, offset: 0, limit: 1000 })).ok.rows;
const sq = (t) => t.replace(/\s+/g, '');
const gd = list.find((d) => sq(d.title).includes('广东省进一步强化市场主体诉求响应服务工作方案')).id;
const fs = list.find((d) => sq(d.title).includes('佛山市进一步强化市场主体诉求响应服务工作方案')).id;
const runs = [];
let pairs;
for (let i = 0; i < 5; i++) {
  const r = await timed(s, 'compare_documents', req(gd, fs));
  runs.push(r.ms);
  pairs = r.pairs;
}
console.log(`compare GD vs FS (${pairs} pairs): median ${median(runs).toFixed(0)} ms of 5 (${runs.map((x) => x.toFixed(0)).join(', ')})`);
const longest = [...list].sort((a, b) => b.chars - a.chars).slice(0, 2);
const lr = [];
for (let i = 0; i < 3; i++) {
  const r = await timed(s, 'compare_documents', req(longest[0].id, longest[1].id));
  lr.push(r.ms);
  pairs = r.pairs;
}
console.log(`compare the two longest (${longest.map((d) => `${d.chars} chars`).join(' vs ')}, ${pairs} pairs): median ${median(lr).toFixed(0)} ms of 3 (${lr.map((x) => x.toFixed(0)).join(', ')})`);
// Export from the app: the whole command (compare, notes, write with fsync), one run per format.
const out = mkdtempSync(join(tmpdir(), 'policydiff-measure-'));
for (const [name, l, r] of [['GD vs FS', gd, fs], ['the two longest', longest[0].id, longest[1].id]]) {
  const figures = [];
  for (const format of ['docx', 'pdf', 'html', 'markdown', 'csv', 'json']) {
    const path = join(out, `${l}-${r}.${format}`);
    const request = { id: `measure-${l}-${r}-${format}`, compare: req(l, r).request, format, path, summary: true, key_diffs: true, changed_only: false, notes: true };
    const t = await timed(s, 'export_comparison', { request });
    figures.push(`${format} ${t.ms.toFixed(0)} ms (${(statSync(path).size / 1024).toFixed(0)} KB)`);
  }
  console.log(`export ${name}: ${figures.join(', ')}`);
}
rmSync(out, { recursive: true, force: true });
const search = await timed(s, 'search', { query: '诉求响应', limit: 200 });
console.log(`search 诉求响应: ${search.ms.toFixed(0)} ms`);
console.log(`app RSS after these compares: ${rssMiB()} MiB (policydiff-app process; the WebKit web process is separate)`);
await s.close();
