// Runs e2e tests in phases, each phase in a new WebDriver session (the app launched again on the
// same library), and reports them in TAP-like lines (`ok N - name`, `not ok N - name`).
//
// A web view lost mid-test (WebKitWebDriver answers "Could not parse script result", then
// "invalid session id": WebKitGTK's web process gone under Xvfb's software GL, with nothing in
// the driver's log) is not a verdict on the test: the app is launched again and the test runs
// once more, and the output says so. A second loss, or any failure while the session lives,
// fails the test; after a failure that took the app with it, the next test gets a new one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, waitFor, sleep } from './webdriver.mjs';

/**
 * Run `phases` (arrays of {name, fn}) against the app `app` through the WebDriver at `driver`;
 * failure screenshots and pages go to `artifacts` (named with `prefix`). `label` names a session
 * in the output. Resolves to {passed, failed}.
 */
export async function runPhases(phases, { driver, app, artifacts, prefix = 'fail', label = 'session', mountTimeout = 30000 }) {
  const total = phases.flat().length;
  let passed = 0;
  let failed = 0;
  let n = 0;

  /** A new session (the app launched) with its UI mounted, or null (reported). */
  async function startSession(p) {
    const t0 = Date.now();
    let session;
    try {
      session = await Session.create(driver, { browserName: 'wry', 'tauri:options': { application: app } });
    } catch (e) {
      console.log(`not ok - cannot start ${label} ${p + 1}: ${e.message}`);
      return null;
    }
    const launched = Date.now() - t0;
    try {
      await session.setTimeouts({ script: 60000 });
      await waitFor('the UI to mount', async () => (await session.findAll('[data-testid="search-input"]')).length > 0, mountTimeout);
      console.log(`# ${label} ${p + 1}: started in ${launched} ms, UI mounted ${Date.now() - t0} ms after launch`);
      return session;
    } catch (e) {
      console.log(`not ok - the UI did not mount (${label} ${p + 1}): ${e.message}`);
      await session.screenshot(join(artifacts, `${prefix}-mount-${p + 1}.png`)).catch(() => {});
      await endSession(session);
      return null;
    }
  }

  for (const [p, phase] of phases.entries()) {
    let session = await startSession(p);
    let relaunched = false;
    let i = 0;
    for (; session && i < phase.length; i++) {
      const { name, fn } = phase[i];
      const t = Date.now();
      try {
        await fn(session);
        passed++;
        n++;
        console.log(`ok ${n} - ${name} (${Date.now() - t} ms)${relaunched ? ' (run again after the web view was lost)' : ''}`);
        relaunched = false;
      } catch (e) {
        const message = String(e.message).replace(/\n/g, '\n  ');
        if (!relaunched && !(await alive(session))) {
          console.log(`# test ${n + 1} lost its web view (${message}); launching the app again to run it once more`);
          await endSession(session);
          session = await startSession(p);
          relaunched = true;
          i--;
          continue;
        }
        relaunched = false;
        n++;
        failed++;
        console.log(`not ok ${n} - ${name}\n  ${message}`);
        await session.screenshot(join(artifacts, `${prefix}-${n}.png`)).catch(() => {});
        // The page as it was (what a screenshot cannot say: attributes, rows waiting for data).
        const html = await session.exec('return document.body.outerHTML;', []).catch((err) => `(no DOM: ${err.message})`);
        writeFileSync(join(artifacts, `${prefix}-${n}.html`), String(html));
        // The next test needs a live app.
        if (!(await alive(session))) {
          await endSession(session);
          session = await startSession(p);
        }
      }
    }
    if (session) {
      await endSession(session);
    } else {
      // The rest of the phase cannot run without its app.
      n += phase.length - i;
      failed += phase.length - i;
    }
  }
  if (passed + failed !== total) failed = total - passed;
  return { passed, failed };
}

/** Ending the session quits the app; the next one launches it again. */
async function endSession(session) {
  await session.close().catch(() => {});
  await sleep(500);
}

/** Whether the session still answers (the web view behind it has not gone away). */
async function alive(session) {
  await sleep(1000); // a lost web view can take a moment to end its session
  try {
    await session.cmd('GET', '/url');
    return true;
  } catch {
    return false;
  }
}
