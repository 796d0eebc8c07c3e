// End-to-end test of the library pane on a large library (scripts/e2e.sh generates it:
// E2E_LARGE_DOCS documents imported by the CLI into the POLICYDIFF_DB the app opens).
// The pane must show every document without putting them all in the page: a bounded
// number of row elements, pages fetched as the list scrolls, the right rows at the middle
// and at the end, filters that narrow the list. Prints how long each scroll step took to
// fill its rows (figures, not assertions: speed targets live in the benchmarks).
import { join, resolve } from 'node:path';
import { waitFor } from './webdriver.mjs';
import { runPhases } from './runner.mjs';
import { LEVEL_SELECT } from './selectors.mjs';

const APP = process.env.E2E_APP;
const DRIVER = process.env.E2E_DRIVER || 'http://127.0.0.1:4444';
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS || 'e2e-artifacts');
const GENERATED = Number(process.env.E2E_LARGE_DOCS);
if (!APP || !Number.isInteger(GENERATED)) {
  console.error('large.mjs: E2E_APP and E2E_LARGE_DOCS must be set (run through scripts/e2e.sh)');
  process.exit(2);
}
const LIST = '[data-testid="library-list"]';

function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

/**
 * The rows in the page: index, id, title, top and bottom (px from the top of the list's view);
 * and the ones still waiting for their page.
 */
function view(s) {
  return s.exec(`const list = document.querySelector('${LIST}');
    const at = list.getBoundingClientRect().top + list.clientTop;
    const rows = [...list.querySelectorAll('[data-testid="doc-row"]')].map((r) => {
      const b = r.getBoundingClientRect();
      return { index: Number(r.dataset.index), id: Number(r.dataset.docId), text: r.innerText, top: b.top - at, bottom: b.bottom - at };
    });
    return { rows, pending: list.querySelectorAll('[data-testid="doc-row-pending"]').length,
      scrollTop: list.scrollTop, scrollHeight: list.scrollHeight, clientHeight: list.clientHeight };`);
}

/** Scroll the list to `top` px and wait until the rows in view are filled; returns ms taken. */
async function scrollTo(s, top) {
  const t = Date.now();
  await s.exec(`const list = document.querySelector('${LIST}'); list.scrollTop = arguments[0];
    list.dispatchEvent(new Event('scroll'));`, [top]);
  await waitFor(`rows at ${top}px`, async () => {
    const v = await view(s);
    // Rows differ in height (measured as they are laid out): what is in view is where the rows are.
    const inView = v.rows.filter((r) => r.bottom > 0 && r.top < v.clientHeight);
    return v.pending === 0 && inView.length > 0 ? v : null;
  }, 20000, 30);
  return Date.now() - t;
}

/** The rows in the page follow each other, each starting where the one before ends. */
function contiguous(v, where) {
  for (let k = 1; k < v.rows.length; k++) {
    const [a, b] = [v.rows[k - 1], v.rows[k]];
    if (b.index !== a.index + 1) continue;
    assert(Math.abs(b.top - a.bottom) < 1, `${where}: row ${b.index} starts at ${b.top} px, row ${a.index} ends at ${a.bottom} px`);
  }
}

let total = 0;
let rowHeightAll = 92;
const tests = [
  ['the pane lists every document of a large library with a bounded number of rows', async (s) => {
    const status = await waitFor('the library status', async () => {
      const r = await s.invoke('library_status');
      return r.ok && r.ok.ready ? r.ok : null;
    }, 60000);
    assert(status.documents >= GENERATED, `the library has ${status.documents} documents, >= ${GENERATED} generated`);
    total = status.documents;
    const v = await waitFor('the first rows', async () => {
      const v = await view(s);
      return v.rows.length > 0 && v.pending === 0 ? v : null;
    }, 60000);
    assert(v.rows.length < 300, `at most a few hundred row elements for ${total} documents (${v.rows.length})`);
    const rowHeight = v.scrollHeight / total;
    rowHeightAll = rowHeight;
    assert(rowHeight > 40 && rowHeight < 200, `the list is as high as ${total} rows (${v.scrollHeight} px)`);
    assert(v.rows[0].index === 0, 'the first row is row 0');
    await s.screenshot(join(ARTIFACTS, 'large-library.png'));
  }],
  ['scrolling fetches the rows of the middle and of the end, in order', async (s) => {
    const v0 = await view(s);
    const middle = await scrollTo(s, Math.floor(v0.scrollHeight / 2));
    let v = await view(s);
    const indexes = v.rows.map((r) => r.index);
    assert(indexes.every((x, i) => i === 0 || x === indexes[i - 1] + 1), 'consecutive rows in the middle');
    assert(indexes.includes(Math.floor(total / 2)), `row ${Math.floor(total / 2)} is in the page at the middle (rows ${indexes[0]}..${indexes.at(-1)}; scrollTop ${v.scrollTop} of ${v.scrollHeight}, clientHeight ${v.clientHeight})`);
    assert(v.rows.length < 300, `still a bounded number of rows (${v.rows.length}; list clientHeight ${v.clientHeight}, scrollTop ${v.scrollTop}, scrollHeight ${v.scrollHeight}, first index ${v.rows[0]?.index})`);
    assert(new Set(v.rows.map((r) => r.id)).size === v.rows.length, 'no document twice');
    contiguous(v, 'the middle');
    const end = await scrollTo(s, v0.scrollHeight);
    v = await view(s);
    assert(v.rows.at(-1).index === total - 1, `the last row is row ${total - 1} (${v.rows.at(-1).index})`);
    contiguous(v, 'the end');
    // Scrolled to the end, the last row ends at the bottom of the view: the list is exactly as
    // high as its rows (the rows measured count at their heights).
    assert(Math.abs(v.rows.at(-1).bottom - v.clientHeight) < 1, `the last row ends at ${v.rows.at(-1).bottom} px, the view at ${v.clientHeight} px`);
    console.log(`# jump to the middle filled in ${middle} ms, to the end in ${end} ms`);
    await s.screenshot(join(ARTIFACTS, 'large-library-end.png'));
  }],
  ['scrolling page by page keeps every row filled', async (s) => {
    await scrollTo(s, 0);
    const times = [];
    for (let i = 1; i <= 40; i++) {
      const v = await view(s);
      times.push(await scrollTo(s, v.scrollTop + v.clientHeight));
    }
    times.sort((a, b) => a - b);
    console.log(`# 40 page-down scroll steps: p50 ${times[20]} ms, max ${times.at(-1)} ms to filled rows`);
  }],
  ['a level filter narrows the list to the city documents', async (s) => {
    assert(await s.select(LEVEL_SELECT, 'city'), 'the level filter offers city');
    const v = await waitFor('the filtered list', async () => {
      const v = await view(s);
      return v.rows.length > 0 && v.pending === 0 && v.scrollHeight < (total - 1) * rowHeightAll ? v : null;
    }, 20000);
    const filtered = await s.invoke('list_documents_page', { filter: { region: null, level: 'city', year: null, sort: 'id' }, offset: 0, limit: 1 });
    assert(filtered.ok, `list_documents_page answers (${JSON.stringify(filtered.err)})`);
    assert(filtered.ok.total > 0 && filtered.ok.total < total, `some but not all documents are city documents (${filtered.ok.total} of ${total})`);
    const rowHeight = v.scrollHeight / filtered.ok.total;
    assert(Math.abs(rowHeight - rowHeightAll) < 1, `the list is as high as the ${filtered.ok.total} city documents (${v.scrollHeight} px)`);
  }],
];

const { passed, failed } = await runPhases([tests.map(([name, fn]) => ({ name, fn }))], {
  driver: DRIVER,
  app: APP,
  artifacts: ARTIFACTS,
  prefix: 'fail-large',
  label: 'large library',
  mountTimeout: 60000,
});
console.log(`large library: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
