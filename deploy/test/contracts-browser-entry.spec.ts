import { resolve } from 'node:path';

/**
 * `@rosterlink/contracts/browser` is what the dashboard bundles (STYLE.md point 14): loading it must pull in none of
 * the server-side validation stack. Each test file has its own module registry, so require.cache holds only what
 * this file loaded.
 */
const SERVER_ONLY = /[\\/]node_modules[\\/](class-validator|class-transformer|reflect-metadata)[\\/]/;
const contracts = resolve(__dirname, '../../libs/contracts/src');
// The files tsconfig.base.json maps `@rosterlink/contracts/browser` and `@rosterlink/contracts` to. Required by path:
// a literal require('@rosterlink/…') inside a function would count as a lazy import of the library for Nx.
const BROWSER_ENTRY = resolve(contracts, 'browser.ts');
const NODE_ENTRY = resolve(contracts, 'index.ts');

function modulesLoadedBy(load: () => unknown): string[] {
  jest.resetModules();
  const before = new Set(Object.keys(require.cache));
  load();
  return Object.keys(require.cache).filter((path) => !before.has(path));
}

describe('the browser entry of the contracts', () => {
  it('loads no class-validator, class-transformer or reflect-metadata', () => {
    const loaded = modulesLoadedBy(() => require(BROWSER_ENTRY));
    expect(loaded).toContain(BROWSER_ENTRY);
    expect(loaded.filter((path) => SERVER_ONLY.test(path))).toEqual([]);
    // Nothing outside the contracts' plain files: no payload class, no validator.
    expect(loaded.filter((path) => !path.startsWith(contracts)).map((path) => path.replace(/.*node_modules[\\/]/, ''))).toEqual([]);
    expect(loaded.map((path) => path.slice(contracts.length + 1)).sort()).toEqual(
      [
        'access-views.ts',
        'back-office-views.ts',
        'browser.ts',
        'business-time.ts',
        'case-and-letter-views.ts',
        'domain-codes.ts',
        'event-codes.ts',
        'identifiers.ts',
        'link-request-views.ts',
        'linkability.ts',
        'topic-names.ts',
      ],
    );
  });

  it('sees them when the Node entry is loaded (the check is not blind)', () => {
    const loaded = modulesLoadedBy(() => require(NODE_ENTRY));
    expect(loaded.some((path) => /[\\/]class-validator[\\/]/.test(path))).toBe(true);
    expect(loaded.some((path) => /[\\/]reflect-metadata[\\/]/.test(path))).toBe(true);
  });

  it('exports the same values as the Node entry does under the same names', () => {
    jest.resetModules();
    const browser: Record<string, unknown> = require(BROWSER_ENTRY);
    const node: Record<string, unknown> = require(NODE_ENTRY);
    for (const [name, value] of Object.entries(browser)) expect([name, node[name]]).toEqual([name, value]);
    expect(browser['businessDateOf']).toBeInstanceOf(Function);
    expect((browser['businessDateOf'] as (instant: Date) => string)(new Date('2026-11-30T03:00:00Z'))).toBe('2026-11-29');
  });
});

describe('the roster template rules (libs/roster), which the portal bundles to check a CSV header', () => {
  it('load no class-validator, class-transformer or reflect-metadata, and no library but the contracts\' browser entry', () => {
    const roster = resolve(__dirname, '../../libs/roster/src');
    const loaded = modulesLoadedBy(() => require(resolve(roster, 'index.ts')));
    expect(loaded.filter((path) => SERVER_ONLY.test(path))).toEqual([]);
    expect(loaded.filter((path) => !path.startsWith(roster) && !path.startsWith(contracts))).toEqual([]);
    expect(loaded).toContain(BROWSER_ENTRY);
    expect(loaded).not.toContain(NODE_ENTRY);
  });
});
