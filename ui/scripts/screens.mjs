// Screenshots and render timings of the built UI (mock backend) in headless Chromium.
// Usage: npx vite preview --port 4173 & node scripts/screens.mjs [outdir]
import puppeteer from 'puppeteer-core';

const out = process.argv[2] ?? '/tmp';
const base = process.env.UI_URL ?? 'http://localhost:4173/';
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  defaultViewport: { width: 1400, height: 900 },
});
const page = await browser.newPage();
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));

// First run with progress.
await page.goto(`${base}?firstrun`);
await page.waitForSelector('[data-testid="corpus-progress"] progress');
await new Promise((r) => setTimeout(r, 900));
await page.screenshot({ path: `${out}/ui-firstrun.png` });

// Example comparison.
await page.goto(base);
await page.evaluate(() => localStorage.clear());
await page.goto(base);
await page.waitForSelector('[data-testid="compare-example"]:not([disabled])');
await page.click('[data-testid="compare-example"]');
await page.waitForSelector('[data-testid="pair-row"]');
await page.keyboard.press('n');
await page.keyboard.press('n');
await page.keyboard.press('n');
await new Promise((r) => setTimeout(r, 400));
await page.screenshot({ path: `${out}/ui-compare.png` });
const rows = await page.$$eval('[data-testid="pair-row"]', (e) => e.length);
console.log('example rows', rows);

// Dark theme, English, key-diff click.
await page.select('select[aria-label="语言"]', 'en');
await page.click('button[aria-pressed="false"][title="Theme"]');
await page.click('[data-testid="key-diff"]:nth-of-type(1)');
const keys = await page.$$('[data-testid="key-diff"]');
await keys[3].click();
await new Promise((r) => setTimeout(r, 400));
await page.screenshot({ path: `${out}/ui-compare-dark-en.png` });

// Search.
await page.select('select[aria-label="Language"]', 'zh-CN');
await page.click('button[title="主题"]');
await page.click('[data-testid="compare-button"]').catch(() => {});
await page.type('[data-testid="search-input"]', '诉求响应');
await page.waitForSelector('[data-testid="search-hit"]');
await page.click('[data-testid="search-hit"]');
await page.waitForSelector('[data-testid="doc-view"]');
await new Promise((r) => setTimeout(r, 400));
await page.screenshot({ path: `${out}/ui-search-doc.png` });

// The two longest documents (by characters): render time and scrolling.
await page.click('[data-testid="doc-view"] button[aria-label="关闭"]');
await page.focus('[data-testid="search-input"]');
await page.keyboard.press('Escape');
await page.waitForSelector('[data-testid="doc-row"]');
// The two longest documents of the corpus (16.6k and 14.8k characters).
const longest = await page.evaluate(() => {
  const rows = [...document.querySelectorAll('[data-testid="doc-row"]')];
  const find = (s, date) => rows.find((r) => r.textContent.includes(s) && r.textContent.includes(date));
  return [find('公共资源交易平台整合共享工作要点', '2023-05-26'), find('广州金融支持实体经济', '2023-05-23')].map((r) => Number(r.getAttribute('data-doc-id')));
});
console.log('comparing', longest);
for (const [k, id] of longest.entries()) {
  await page.click(`[data-testid="doc-row"][data-doc-id="${id}"] [data-testid="${k ? 'set-right' : 'set-left'}"]`);
}
const t0 = Date.now();
await page.click('[data-testid="compare-button"]');
await page.waitForFunction(() => document.querySelector('[data-testid="summary"]')?.textContent.includes('公共资源交易平台') && document.querySelectorAll('[data-testid="pair-row"]').length > 0);
const firstRows = Date.now() - t0;
await page.waitForFunction(
  () => document.querySelectorAll('[data-testid="pair-row"]').length >= Number(document.querySelector('[data-testid="compare-table"]').getAttribute('aria-rowcount')),
);
const allRows = Date.now() - t0;
const n = await page.$$eval('[data-testid="pair-row"]', (e) => e.length);
// Scroll through: longest frame while scrolling in steps.
const frames = await page.evaluate(async () => {
  const sc = document.querySelector('[data-testid="compare-table"]');
  const gaps = [];
  let last = performance.now();
  for (let y = 0; y < sc.scrollHeight; y += 300) {
    sc.scrollTop = y;
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }
  gaps.sort((a, b) => a - b);
  return { steps: gaps.length, median: gaps[gaps.length >> 1], max: gaps[gaps.length - 1] };
});
// Pure rendering (no backend work): switch the filter to one-sided and back to all rows.
await page.select('[data-testid="filter-select"]', 'one_sided');
await new Promise((r) => setTimeout(r, 300));
const render = await page.evaluate(async () => {
  const sel = document.querySelector('[data-testid="filter-select"]');
  const total = Number(document.querySelector('[data-testid="compare-table"]').getAttribute('aria-rowcount'));
  const t0 = performance.now();
  sel.value = 'all';
  sel.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const first = performance.now() - t0;
  while (document.querySelectorAll('[data-testid="pair-row"]').length < total) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { firstPaintMs: Math.round(first), allRowsPaintedMs: Math.round(performance.now() - t0) };
});
console.log(JSON.stringify({ render }));
console.log(JSON.stringify({ pairs: n, firstRowsMs: firstRows, allRowsMs: allRows, scrollFrames: frames }));
await page.screenshot({ path: `${out}/ui-compare-long.png` });
await browser.close();
