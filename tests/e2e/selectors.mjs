// Selectors of the app's elements that more than one e2e script uses (run.mjs, large.mjs).

/** The library's level filter, the second of its menus (region, level, year, sort). */
export const LEVEL_SELECT = '[data-testid="library-filters"] select:nth-of-type(2)';
