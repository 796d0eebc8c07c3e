// End-to-end tests of the PolicyDiff desktop app through tauri-driver (WebDriver).
// Run by scripts/e2e.sh, which builds the app, starts Xvfb and tauri-driver and
// sets POLICYDIFF_DB to a fresh temp library. Environment:
//   E2E_APP        the app binary (required)
//   E2E_DRIVER     WebDriver URL (default http://127.0.0.1:4444)
//   E2E_ARTIFACTS  directory for screenshots (default e2e-artifacts)
//   E2E_WORK       scratch directory for files to import (default: a temp dir)
import { mkdirSync, writeFileSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session, waitFor, sleep } from './webdriver.mjs';

const APP = process.env.E2E_APP;
const DRIVER = process.env.E2E_DRIVER || 'http://127.0.0.1:4444';
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS || 'e2e-artifacts');
const WORK = process.env.E2E_WORK || mkdtempSync(join(tmpdir(), 'policydiff-e2e-'));
if (!APP) {
  console.error('E2E_APP is not set');
  process.exit(2);
}
mkdirSync(ARTIFACTS, { recursive: true });

// Titles as printed in the corpus (spaces removed before matching: the corpus has spurious ones).
const GD_TITLE = '广东省进一步强化市场主体诉求响应服务工作方案';
const FS_TITLE = '佛山市进一步强化市场主体诉求响应服务工作方案';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const squash = (s) => (s || '').replace(/\s+/g, '');
function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

/** Library rows as {id, title}. */
async function rows(s) {
  return s.exec(`return [...document.querySelectorAll('[data-testid="library-list"] [data-testid="doc-row"]')]
    .map((r) => ({ id: Number(r.dataset.docId), text: r.innerText }));`);
}
async function rowId(s, title) {
  const all = await rows(s);
  const hit = all.find((r) => squash(r.text).includes(title));
  return hit ? hit.id : null;
}
/** Type text into an input; fall back to setting the value when the driver cannot type it.
 *  Always ends with an `input` event so the UI sees the final value (also for ''). */
async function typeInto(s, el, text) {
  await el.clear();
  if (text) {
    try {
      await el.type(text);
    } catch {
      /* handled below */
    }
  }
  const typed = (await el.prop('value')) === text;
  await s.exec(
    `const el = arguments[0];
     if (!arguments[2]) {
       const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
       set.call(el, arguments[1]);
     }
     el.dispatchEvent(new Event('input', { bubbles: true }));`,
    [el, text, typed],
  );
}
/** Rows of the compare table as plain data. */
async function pairRows(s) {
  return s.exec(`return [...document.querySelectorAll('[data-testid="compare-table"] [data-testid="pair-row"]')]
    .map((r) => {
      const cell = (side) => {
        const c = r.querySelector('[data-side="' + side + '"]');
        if (!c) return null;
        const q = (t) => c.querySelector('[data-testid="' + t + '"]');
        return { label: q('clause-label')?.textContent ?? '', path: q('clause-path')?.textContent ?? '', text: c.textContent };
      };
      return { kind: r.dataset.kind, index: r.dataset.index, current: r.getAttribute('aria-current'),
               visible: r.offsetParent !== null, left: cell('left'), right: cell('right') };
    });`);
}
/** Go back to the library view if the UI hides it while comparing. */
async function showLibrary(s) {
  const list = await s.findAll('[data-testid="library-list"]');
  if (list.length === 0 || !(await list[0].displayed())) {
    const back = await s.findAll('[data-testid="show-library"]');
    if (back.length) await back[0].click();
  }
}

let gdId = null;
let fsId = null;

test('the library lists the bundled corpus', async (s) => {
  const status = await waitFor('first-run corpus import', async () => {
    const r = await s.invoke('library_status');
    return r.ok && r.ok.ready ? r.ok : null;
  }, 60000);
  assert(status.documents >= 30, `the corpus has >= 30 documents, library has ${status.documents}`);
  await waitFor(`${status.documents} library rows`, async () => (await rows(s)).length === status.documents, 15000);
  gdId = await rowId(s, GD_TITLE);
  fsId = await rowId(s, FS_TITLE);
  assert(gdId !== null, `a row titled ${GD_TITLE}`);
  assert(fsId !== null, `a row titled ${FS_TITLE}`);
  await s.screenshot(join(ARTIFACTS, 'library.png'));
});

test('searching 诉求响应 finds both complaint-response plans', async (s) => {
  assert(gdId !== null && fsId !== null, 'library test found the two plans');
  const input = await s.waitFind('[data-testid="search-input"]');
  await typeInto(s, input, '诉求响应');
  const ids = await waitFor('search hits for both plans', async () => {
    const hits = await s.exec(
      `return [...document.querySelectorAll('[data-testid="search-hit"]')].map((h) => Number(h.dataset.docId));`,
    );
    return hits.includes(gdId) && hits.includes(fsId) ? hits : null;
  });
  assert(ids.length >= 2, 'at least two hits');
  await typeInto(s, input, '');
  await waitFor('the library list back', async () => (await rows(s)).length > 0, 5000);
});

test('Guangdong vs Foshan pairs Guangdong item 4 with Foshan （二）1', async (s) => {
  assert(gdId !== null && fsId !== null, 'library test found the two plans');
  await showLibrary(s);
  await (await s.waitFind(`[data-testid="doc-row"][data-doc-id="${gdId}"] [data-testid="set-left"]`)).click();
  await (await s.waitFind(`[data-testid="doc-row"][data-doc-id="${fsId}"] [data-testid="set-right"]`)).click();
  const button = await s.findAll('[data-testid="compare-button"]');
  if (button.length && (await button[0].displayed())) await button[0].click();
  await s.waitFind('[data-testid="compare-table"] [data-testid="pair-row"]', 30000);
  const all = await pairRows(s);
  // Guangdong 二（一）4 and Foshan 二（二）1 both start "完善诉求响应协调机制"; the bodies differ.
  const row = all.find(
    (r) => r.left && r.right && squash(r.left.text).includes('完善诉求响应协调机制') &&
      squash(r.left.text).includes('省政务服务数据管理局会同'),
  );
  assert(row, 'a row whose left side is Guangdong\'s 完善诉求响应协调机制');
  assert(/^4/.test(row.left.label.trim()), `left label is 4., got ${row.left.label}`);
  assert(squash(row.right.text).includes('完善诉求响应协调机制') && squash(row.right.text).includes('市行政服务中心'),
    `right side is Foshan's 完善诉求响应协调机制, got ${row.right.text.slice(0, 60)}`);
  assert(/^1/.test(row.right.label.trim()), `right label is 1., got ${row.right.label}`);
  assert(/二[）)]?\/1$/.test(squash(row.right.path)), `right path ends in （二）/1, got ${row.right.path}`);
  await s.screenshot(join(ARTIFACTS, 'compare.png'));
});

test('next-change moves the focus (aria-current)', async (s) => {
  await s.waitFind('[data-testid="compare-table"] [data-testid="pair-row"]');
  const current = async () =>
    s.exec(`const r = document.querySelector('[data-testid="pair-row"][aria-current="true"]'); return r ? r.dataset.index : null;`);
  const before = await current();
  await (await s.find('[data-testid="next-change"]')).click();
  const after = await waitFor('aria-current to move', async () => {
    const c = await current();
    return c !== null && c !== before ? c : null;
  }, 5000);
  const kind = await s.exec(`return document.querySelector('[data-testid="pair-row"][data-index="${after}"]').dataset.kind;`);
  assert(kind !== 'same', `next-change lands on a change, got kind ${kind}`);
  await (await s.find('[data-testid="next-change"]')).click();
  const third = await waitFor('aria-current to move again', async () => {
    const c = await current();
    return c !== null && c !== after ? c : null;
  }, 5000);
  assert(Number(third) > Number(after), `focus moves forward: ${after} -> ${third}`);
});

test('the changed-only filter hides identical pairs', async (s) => {
  const kinds = async () => (await pairRows(s)).filter((r) => r.visible).map((r) => r.kind);
  const all = await kinds();
  assert(all.includes('same'), 'Guangdong vs Foshan has identical pairs');
  const select = await s.find('[data-testid="filter-select"]');
  await s.exec(
    `const el = arguments[0]; el.value = 'changed'; el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [select],
  );
  const changed = await waitFor('the filter to apply', async () => {
    const k = await kinds();
    return k.length > 0 && !k.includes('same') ? k : null;
  }, 5000);
  assert(changed.length < all.length, `fewer rows shown (${changed.length} < ${all.length})`);
  await s.exec(`const el = arguments[0]; el.value = 'all'; el.dispatchEvent(new Event('change', { bubbles: true }));`, [select]);
});

/** Import files with the same command the UI's dialog and drop paths call. */
async function importFiles(s, paths) {
  const r = await s.invoke('import_files', { paths });
  assert(r.ok, `import_files succeeded: ${JSON.stringify(r.err)}`);
  return r.ok;
}

test('importing a file adds it to the library', async (s) => {
  await showLibrary(s);
  const file = join(WORK, 'e2e-import.txt');
  writeFileSync(file, [
    '测试市进一步优化营商环境若干措施（端到端测试）',
    '',
    '一、总体要求',
    '',
    '到2025年，市场主体满意度明显提升。',
    '',
    '二、重点任务',
    '',
    '（一）压缩企业开办时间。企业开办时间压缩至1个工作日内。',
    '',
  ].join('\n'));
  const [outcome] = await importFiles(s, [file]);
  assert(outcome.error === null, `no error: ${JSON.stringify(outcome.error)}`);
  assert(outcome.added.length === 1, `one document added, got ${outcome.added.length}`);
  const id = outcome.added[0];
  await waitFor('the new row in the library', async () =>
    (await s.findAll(`[data-testid="library-list"] [data-testid="doc-row"][data-doc-id="${id}"]`)).length === 1, 10000);
});

test('hostile markup in a document renders as text', async (s) => {
  await showLibrary(s);
  const file = join(WORK, 'e2e-hostile.txt');
  const script = '<script>alert(1)</script>';
  const img = '<img src=x onerror=alert(1)>';
  writeFileSync(file, ['恶意标记测试文件', '', `一、${script}`, '', `二、${img}`, ''].join('\n'));
  const [outcome] = await importFiles(s, [file]);
  assert(outcome.error === null && outcome.added.length === 1, `imported: ${JSON.stringify(outcome)}`);
  const id = outcome.added[0];
  const title = await s.waitFind(`[data-testid="doc-row"][data-doc-id="${id}"] button.title, [data-testid="doc-row"][data-doc-id="${id}"] button`, 10000);
  await title.click();
  const view = await s.waitFind('[data-testid="doc-view"]', 10000);
  const text = await waitFor('the hostile lines in the document view', async () => {
    const t = await view.text();
    return t.includes(script) && t.includes(img) ? t : null;
  }, 10000);
  assert(text.includes(script), 'script line visible as text');
  const imgs = await s.exec(`return document.querySelectorAll('[data-testid="doc-view"] img, img[src="x"]').length;`);
  assert(imgs === 0, `no img element created, found ${imgs}`);
  const scripts = await s.exec(`return [...document.querySelectorAll('script')].filter((e) => e.textContent.includes('alert(1)')).length;`);
  assert(scripts === 0, 'no script element created');
  let alertOpen = true;
  try {
    await s.cmd('GET', '/alert/text');
  } catch {
    alertOpen = false;
  }
  assert(!alertOpen, 'no alert dialog');
  await s.screenshot(join(ARTIFACTS, 'hostile.png'));
});

test('notes, manual pairing and export work through the real IPC (capabilities allow them)', async (s) => {
  await showLibrary(s);
  const [gd, fs] = [await rowId(s, GD_TITLE), await rowId(s, FS_TITLE)];
  assert(gd && fs, `both plans listed: ${gd}, ${fs}`);
  const ok = async (cmd, args) => {
    const r = await s.invoke(cmd, args);
    assert(!r.err, `${cmd} allowed and ok: ${JSON.stringify(r.err)}`);
    return r.ok;
  };
  const tags = await ok('note_tags');
  assert(tags.includes('需关注'), `default tags: ${tags}`);
  const pair = { left: gd, right: fs, leftPath: '二/（二）/4', rightPath: '二/（二）/1' };
  const text = '端到端：佛山细化了协调机制';
  const id = await ok('add_note', { request: { ...pair, tag: '需关注', text } });
  const notes = await ok('list_notes', { left: gd, right: fs });
  assert(notes.some((n) => n.id === id && n.text === text), `note listed: ${JSON.stringify(notes)}`);
  await ok('forbid_pair', { request: pair });
  assert((await ok('clear_pairing', { request: pair })) === true, 'the forbid was cleared');
  const csv = join(WORK, 'e2e-export.csv');
  const compare = { left: gd, right: fs, granularity: 'word', ignoreWhitespace: false, ignorePunctWidth: false };
  await ok('export_comparison', {
    request: { compare, format: 'csv', path: csv, summary: true, keyDiffs: true, changedOnly: false, notes: true },
  });
  assert(existsSync(csv) && readFileSync(csv, 'utf8').includes(text), 'the CSV holds the note');
  const missing = await s.invoke('export_comparison', {
    request: { compare, format: 'docx', path: join(WORK, 'no-such-dir', 'r.docx'), summary: true, keyDiffs: true, changedOnly: false, notes: true },
  });
  assert(missing.err && missing.err.code === 'io', `missing directory is an io error: ${JSON.stringify(missing)}`);
  await ok('delete_note', { id });
});

// ---------------------------------------------------------------------------
const t0 = Date.now();
let session;
try {
  session = await Session.create(DRIVER, { browserName: 'wry', 'tauri:options': { application: APP } });
} catch (e) {
  console.error(`cannot start a session: ${e.message}`);
  console.log(`0 passed, ${tests.length} failed`);
  process.exit(1);
}
const launched = Date.now() - t0;
let passed = 0;
let failed = 0;
try {
  await session.setTimeouts({ script: 60000 });
  let mounted = true;
  try {
    await waitFor('the UI to mount', async () => (await session.findAll('[data-testid="search-input"]')).length > 0, 30000);
    console.log(`# session in ${launched} ms, UI mounted ${Date.now() - t0} ms after launch`);
  } catch (e) {
    mounted = false;
    console.log(`not ok - the UI did not mount: ${e.message}`);
    await session.screenshot(join(ARTIFACTS, 'fail-mount.png')).catch(() => {});
    failed = tests.length;
  }
  for (const [i, { name, fn }] of (mounted ? tests : []).entries()) {
    const t = Date.now();
    try {
      await fn(session);
      passed++;
      console.log(`ok ${i + 1} - ${name} (${Date.now() - t} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok ${i + 1} - ${name}\n  ${String(e.message).replace(/\n/g, '\n  ')}`);
      await session.screenshot(join(ARTIFACTS, `fail-${i + 1}.png`)).catch(() => {});
    }
  }
} finally {
  await session.close().catch(() => {});
  await sleep(200);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
