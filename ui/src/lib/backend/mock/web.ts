/**
 * The mock backend as the plain-browser build uses it: the bundled corpus text (loaded as
 * a separate chunk) and the Guangdong/Foshan fixture (its two documents with its outline).
 * `?firstrun` in the URL simulates the first-run import with progress.
 */
import corpus from '../../../../../assets/corpus/south-china-2023-business-environment.txt?raw';
import type { Comparison } from '$lib/bindings';
import gdfs from '../fixtures/gd-foshan.comparison.json';
import { normalizeDocNumber } from '$lib/library/filter';
import { corpusLibrary } from './corpus';
import { withFixtureOutlines } from './fromComparison';
import { MockBackend, type MockOptions } from './index';

/**
 * The web mock over the corpus text `raw`. The fixture's two documents take its outline (the
 * core's unit paths: 标题, 印发通知, 二/（二）/4…), so what the UI asks about a row of the
 * example (similar clauses, notes, pairings) names clauses these documents have: the mock's
 * rough outline of the corpus text names them otherwise (¶1, ¶2…).
 */
export function exampleBackend(raw: string, opts: Omit<MockOptions, 'fixtures'> = {}): MockBackend {
  const fixtures = [gdfs as Comparison];
  return new MockBackend(withFixtureOutlines(corpusLibrary(raw), fixtures, normalizeDocNumber), { ...opts, fixtures });
}

export function createWebBackend(): MockBackend {
  const firstRun = new URLSearchParams(location.search).has('firstrun');
  const backend = exampleBackend(corpus, { firstRun, stepMs: firstRun ? 60 : 30 });
  if (firstRun) setTimeout(() => void backend.runFirstImport(), 300);
  return backend;
}
