import { nameWords, providerSearchSql, SIMILAR_NAMES_BELOW } from './provider-search.repository';

describe('provider search SQL', () => {
  it('splits a typed name into words of letters and digits, accents kept for the database to remove', () => {
    expect(nameWords("  O'Brien,  José-Luis  ")).toEqual(['O', 'Brien', 'José', 'Luis']);
    // A decomposed accent (e + combining acute) stays inside its word.
    expect(nameWords('Jose\u0301 Nguyen')).toEqual(['José', 'Nguyen']);
    expect(nameWords(' - , ')).toEqual([]);
  });

  it('binds every value: nothing typed reaches the SQL text', () => {
    const { items, count } = providerSearchSql({ npi: '1234567893', name: "x'); DROP TABLE y; --" }, { limit: 50, offset: 0 }, true);
    expect(items.sql).not.toContain('DROP');
    expect(items.params).toEqual(['1234567893', 'x', 'DROP', 'TABLE', 'y', "x DROP TABLE y", 50, 0]);
    expect(count.params).toEqual(items.params.slice(0, -2));
  });

  it('offers similar names only for a name of four letters or more, and probes precise matches without them', () => {
    const short = providerSearchSql({ name: 'Li' }, { limit: 50, offset: 0 }, true);
    expect(short.similarNamesPossible).toBe(false);
    expect(short.items.sql).not.toContain('<%');

    const long = providerSearchSql({ providerId: '210000001', name: 'Nguyem' }, { limit: 10, offset: 20 }, true);
    expect(long.items.sql).toContain('<% p.search_name');
    expect(long.preciseMatches.sql).not.toContain('<%');
    expect(long.preciseMatches.sql).toContain(`LIMIT ${SIMILAR_NAMES_BELOW}`);
    expect(long.preciseMatches.params).toEqual(['210000001', 'Nguyem']);
  });

  it('needs at least one criterion', () => {
    expect(() => providerSearchSql({ name: '--' }, { limit: 50, offset: 0 }, true)).toThrow(/provider ID, an NPI or a name/);
  });
});
