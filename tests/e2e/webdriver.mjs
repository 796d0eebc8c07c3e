// A minimal W3C WebDriver client over fetch (Node 20+), enough for the e2e tests.
// No npm dependencies: tauri-driver speaks plain WebDriver HTTP.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  }
  if (!res.ok || (json.value && json.value.error)) {
    const v = json.value || {};
    throw new WebDriverError(`${method} ${path}: ${v.error || res.status}: ${v.message || text.slice(0, 300)}`);
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns a truthy value; throw with `what` after `timeout` ms. */
export async function waitFor(what, fn, timeout = 15000, interval = 150) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await sleep(interval);
  }
}

export class Element {
  constructor(session, id) {
    this.s = session;
    this.id = id;
  }
  path(p) {
    return `/element/${this.id}${p}`;
  }
  click() {
    return this.s.cmd('POST', this.path('/click'), {});
  }
  clear() {
    return this.s.cmd('POST', this.path('/clear'), {});
  }
  type(text) {
    return this.s.cmd('POST', this.path('/value'), { text });
  }
  text() {
    return this.s.cmd('GET', this.path('/text'));
  }
  attr(name) {
    return this.s.cmd('GET', this.path(`/attribute/${encodeURIComponent(name)}`));
  }
  prop(name) {
    return this.s.cmd('GET', this.path(`/property/${encodeURIComponent(name)}`));
  }
  displayed() {
    return this.s.cmd('GET', this.path('/displayed'));
  }
  async find(css) {
    const v = await this.s.cmd('POST', this.path('/element'), { using: 'css selector', value: css });
    return new Element(this.s, v[ELEMENT]);
  }
  async findAll(css) {
    const v = await this.s.cmd('POST', this.path('/elements'), { using: 'css selector', value: css });
    return v.map((e) => new Element(this.s, e[ELEMENT]));
  }
  toJSON() {
    return { [ELEMENT]: this.id };
  }
}

export class Session {
  static async create(base, capabilities) {
    const v = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, v.sessionId);
  }
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }
  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }
  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => new Element(this, e[ELEMENT]));
  }
  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return new Element(this, v[ELEMENT]);
  }
  /** Wait until at least one element matches `css`; returns the first. */
  waitFind(css, timeout) {
    return waitFor(css, async () => (await this.findAll(css))[0], timeout);
  }
  /**
   * Find the first element matching `css` and click it, finding it again when the UI re-rendered
   * it between the find and the click (a stale element) or something covered it for a moment.
   */
  click(css, timeout) {
    return waitFor(`a click on ${css}`, async () => {
      const el = (await this.findAll(css))[0];
      if (!el) return false;
      await el.click();
      return true;
    }, timeout);
  }
  exec(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }
  /**
   * Choose `value` in a <select> (an Element, or the first element a CSS selector matches) as a
   * user does: the value set and a bubbling `change` event, only when the value differs (choosing
   * the option already chosen changes nothing). Resolves to whether the select holds `value` now:
   * false, and nothing dispatched, when there is no such select or option (yet).
   */
  select(target, value) {
    return this.exec(
      `const el = typeof arguments[0] === 'string' ? document.querySelector(arguments[0]) : arguments[0];
       const v = String(arguments[1]);
       if (!(el instanceof HTMLSelectElement) || ![...el.options].some((o) => o.value === v)) return false;
       if (el.value !== v) {
         el.value = v;
         el.dispatchEvent(new Event('change', { bubbles: true }));
       }
       return el.value === v;`,
      [target, value],
    );
  }
  /**
   * Press keys as a user does (W3C actions: each key down in order, then up in reverse), to
   * whatever has the focus: \uE009 is Control, \uE007 Enter, \uE008 Shift, \uE00C Escape.
   */
  async keys(...keys) {
    const actions = [...keys.map((value) => ({ type: 'keyDown', value })), ...[...keys].reverse().map((value) => ({ type: 'keyUp', value }))];
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }
  execAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }
  /** Call a Tauri command from the page, as the UI does. Resolves to {ok} or {err}. */
  invoke(command, args = {}) {
    return this.execAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
         .then((ok) => done({ ok }), (err) => done({ err }));`,
      [command, args],
    );
  }
  /**
   * A screenshot of what the page shows once it has painted: WebKitGTK's snapshot can be a frame
   * (or, right after a burst of DOM changes, several) behind what the test just waited for, so
   * two animation frames and 100 ms pass first (not when the page cannot run scripts any more).
   */
  async screenshot(file) {
    const png = await this.screenshotPng();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, png);
  }
  /** The same screenshot as a PNG in a Buffer (png.mjs decodes it). */
  async screenshotPng() {
    await this.execAsync(`const done = arguments[arguments.length - 1];
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));`).catch(() => {});
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }
  setTimeouts(t) {
    return this.cmd('POST', '/timeouts', t);
  }
  close() {
    return call(this.base, 'DELETE', `/session/${this.id}`);
  }
}
