/**
 * The mock backend as the plain-browser build uses it: the bundled corpus text (loaded as
 * a separate chunk) and the Guangdong/Foshan fixture. `?firstrun` in the URL simulates the
 * first-run import with progress.
 */
import corpus from '../../../../../assets/corpus/south-china-2023-business-environment.txt?raw';
import type { Comparison } from '$lib/bindings';
import gdfs from '../fixtures/gd-foshan.comparison.json';
import { corpusLibrary } from './corpus';
import { MockBackend } from './index';

export function createWebBackend(): MockBackend {
  const firstRun = new URLSearchParams(location.search).has('firstrun');
  const backend = new MockBackend(corpusLibrary(corpus), { firstRun, stepMs: firstRun ? 60 : 30, fixtures: [gdfs as Comparison] });
  if (firstRun) setTimeout(() => void backend.runFirstImport(), 300);
  return backend;
}
