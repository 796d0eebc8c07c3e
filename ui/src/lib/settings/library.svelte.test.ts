import { describe, expect, it } from 'vitest';
import type { StoredDoc } from '$lib/bindings';
import { MockBackend } from '$lib/backend/mock';
import { roughTree } from '$lib/backend/mock/parse';
import { Session } from '$lib/app/session.svelte';
import { Settings } from '$lib/settings/settings.svelte';
import { LibrarySettings } from './library.svelte';

const doc = (id: number, title: string): StoredDoc => ({
  id,
  meta: { title, issuer: null, date: '2023-01-01', doc_number: null, province: '广东', city: null, level: 'province', source_url: null, source_file: null, fragment: false, excerpt: false, warnings: [] },
  original: `${title}\n一、工作目标`,
  text: `${title}\n一、工作目标`,
  tree: roughTree([title, '一、工作目标'], title),
});

const docs = [doc(1, '广东省进一步强化市场主体诉求响应服务工作方案'), doc(2, '佛山市进一步强化市场主体诉求响应服务工作方案')];

describe('LibrarySettings', () => {
  it('tests a server: the document count and version, or why it cannot be used', async () => {
    const backend = new MockBackend(docs);
    backend.serverPassword = 'pw';
    const s = new LibrarySettings(backend);
    await s.load();
    s.show();
    expect(s.kind).toBe('file');
    s.kind = 'server';
    s.url = 'postgres://zhang@db.example:5432/policy';
    s.password = 'pw';
    await s.testConnection();
    expect(s.test).toEqual({ ok: true, report: { location: 'postgres://zhang@db.example:5432/policy', documents: 2, server_version: '16.4' } });
    s.password = 'wrong';
    await s.testConnection();
    expect(s.test?.ok === false && s.test.error.code).toBe('auth_failed');
    s.url = 'postgres://zhang@127.0.0.1:1/policy';
    await s.testConnection();
    expect(s.test?.ok === false && s.test.error.code).toBe('unreachable');
    // Testing changed nothing.
    expect(s.info?.kind).toBe('file');
  });

  it('switches to the server, clears the password, and keeps the library when the server fails', async () => {
    const backend = new MockBackend(docs);
    const s = new LibrarySettings(backend);
    await s.load();
    s.show();
    s.kind = 'server';
    s.url = 'postgres://zhang@nowhere.example/policy';
    s.password = 'secret';
    expect(await s.save()).toBe(false);
    expect(s.error?.code).toBe('unreachable');
    expect(s.open).toBe(true);
    expect(s.info?.kind).toBe('file');
    s.url = 'postgres://zhang@db.example/policy';
    expect(await s.save()).toBe(true);
    expect(s.open).toBe(false);
    expect(s.password).toBe('');
    expect(s.info).toMatchObject({ kind: 'server', server_url: 'postgres://zhang@db.example/policy', fallback: null });
  });

  it('saves the author name alone without switching the library', async () => {
    const backend = new MockBackend(docs);
    let switched = 0;
    await backend.onLibraryChanged(() => switched++);
    const s = new LibrarySettings(backend);
    await s.load();
    s.show();
    s.author = ' 李四 ';
    expect(s.locationChanged).toBe(false);
    expect(await s.save()).toBe(true);
    expect(s.info?.author).toBe('李四');
    expect(switched).toBe(0);
  });

  it('offers the team server again after a startup fallback, and the banner can be dismissed', async () => {
    const backend = new MockBackend(docs);
    backend.startWithFallback('postgres://zhang@db.example/policy');
    const s = new LibrarySettings(backend);
    await s.load();
    expect(s.fallback?.code).toBe('unreachable');
    s.show();
    expect(s.kind).toBe('server');
    expect(s.url).toBe('postgres://zhang@db.example/policy');
    s.close();
    s.dismissed = true;
    expect(s.fallback).toBeNull();
  });
});

describe('Session polling the library revision', () => {
  it("reloads the list when another user's import changed the library, and only then", async () => {
    const backend = new MockBackend([...docs]);
    const session = new Session(backend, new Settings(null));
    await session.start();
    expect(session.library.pages.total).toBe(2);
    let listed = 0;
    // One status read per reload.
    const status = backend.libraryStatus.bind(backend);
    backend.libraryStatus = () => {
      listed++;
      return status();
    };
    await session.poll();
    expect(listed).toBe(0);
    backend.addFromElsewhere(doc(3, '广州市优化营商环境条例'));
    await session.poll();
    expect(listed).toBe(1);
    expect(session.library.pages.total).toBe(3);
    await session.poll();
    expect(listed).toBe(1);
  });

  it('polls when the window regains focus and on the timer while visible', async () => {
    const backend = new MockBackend([...docs]);
    const session = new Session(backend, new Settings(null));
    await session.start();
    const stop = session.watch(window, 20);
    backend.addFromElsewhere(doc(3, '广州市优化营商环境条例'));
    window.dispatchEvent(new Event('focus'));
    await new Promise((r) => setTimeout(r, 10));
    expect(session.library.pages.total).toBe(3);
    backend.addFromElsewhere(doc(4, '深圳市优化营商环境条例'));
    await new Promise((r) => setTimeout(r, 60));
    expect(session.library.pages.total).toBe(4);
    stop();
    backend.addFromElsewhere(doc(5, '珠海市优化营商环境条例'));
    await new Promise((r) => setTimeout(r, 60));
    expect(session.library.pages.total).toBe(4);
  });

  it('forgets the chosen documents when the library is switched', async () => {
    const backend = new MockBackend([...docs]);
    const session = new Session(backend, new Settings(null));
    await session.start();
    session.choose('left', 1);
    session.choose('right', 2);
    session.librarySettings.show();
    session.librarySettings.kind = 'server';
    session.librarySettings.url = 'postgres://zhang@db.example/policy';
    await session.saveLibrarySettings();
    expect(session.librarySettings.info?.kind).toBe('server');
    expect(session.left).toBeNull();
    expect(session.right).toBeNull();
  });
});
