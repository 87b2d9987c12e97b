import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  GroupUpsertedV1,
  IndividualUpsertedV1,
  isValidNpi,
  LINK_EXCLUDED_PROVIDER_TYPES,
  PID_PATTERN,
  PIDSL_PATTERN,
  PROVIDER_TYPES,
  SERVICE_LOCATION_PATTERN,
} from '@rosterlink/contracts';
import {
  countByProviderType,
  DEMO_UPDATED_AT,
  demoGroups,
  demoIndividuals,
  demoServiceLocationIds,
  groupPractice,
  individualProvider,
  mulberry32,
  validNpi,
} from './provider-master-factory';

async function problemsOf<T extends object>(cls: new () => T, plain: unknown): Promise<string[]> {
  const errors = await validate(plainToInstance(cls, plain) as object, { forbidUnknownValues: true });
  const flatten = (list: typeof errors, path: string): string[] =>
    list.flatMap((e) => [
      ...Object.values(e.constraints ?? {}).map((m) => `${path}${e.property}: ${m}`),
      ...flatten(e.children ?? [], `${path}${e.property}.`),
    ]);
  return flatten(errors, '');
}

describe('mulberry32', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });
});

describe('validNpi', () => {
  it('gives valid, distinct NPIs', () => {
    const npis = Array.from({ length: 10_000 }, (_, i) => validNpi(i));
    expect(npis.filter((npi) => !isValidNpi(npi))).toEqual([]);
    expect(new Set(npis).size).toBe(npis.length);
    expect(validNpi(7)).toBe(validNpi(7));
  });

  it('never collides with a demo individual', () => {
    const seeded = new Set(demoIndividuals(5000).map((p) => p.npi));
    expect(Array.from({ length: 10_000 }, (_, i) => validNpi(i)).filter((npi) => seeded.has(npi))).toEqual([]);
  });

  it('a one-digit change breaks the check digit (the checker is not vacuous)', () => {
    const npi = validNpi(3);
    const broken = npi.slice(0, 9) + String((Number(npi[9]) + 1) % 10);
    expect(isValidNpi(broken)).toBe(false);
  });
});

describe('demoGroups', () => {
  const groups = demoGroups();

  it('has 4–6 Massachusetts groups with PIDs from 110000001', () => {
    expect(groups.length).toBeGreaterThanOrEqual(4);
    expect(groups.length).toBeLessThanOrEqual(6);
    expect(groups.map((g) => g.pid)).toEqual(groups.map((_, i) => String(110000001 + i)));
    for (const group of groups) {
      expect(group.pid).toMatch(PID_PATTERN);
      expect(group.dbaAddress.state).toBe('MA');
      expect(group.dbaAddress.zip).toMatch(/^\d{5}$/);
      expect(group.updatedAt).toBe(DEMO_UPDATED_AT);
    }
  });

  it('gives each group 1–4 service locations lettered A, B, … in order', () => {
    for (const group of groups) {
      expect(group.serviceLocations.length).toBeGreaterThanOrEqual(1);
      expect(group.serviceLocations.length).toBeLessThanOrEqual(4);
      expect(group.serviceLocations.map((l) => l.sl)).toEqual(
        group.serviceLocations.map((_, i) => String.fromCharCode(65 + i)),
      );
      for (const location of group.serviceLocations) expect(location.sl).toMatch(SERVICE_LOCATION_PATTERN);
    }
    expect(groups.some((g) => g.serviceLocations.some((l) => l.name))).toBe(true);
    expect(groups.some((g) => g.serviceLocations.some((l) => !l.name))).toBe(true);
  });

  it('PID/SLs match the contract pattern and are unique', () => {
    const ids = demoServiceLocationIds();
    expect(ids).toContain('110000001A');
    expect(ids).toContain('110000001B');
    for (const id of ids) expect(id).toMatch(PIDSL_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every group passes validation against GroupUpsertedV1', async () => {
    for (const group of groups) expect(await problemsOf(GroupUpsertedV1, group)).toEqual([]);
  });

  it('returns fresh copies (a caller mutating one does not change the next)', () => {
    groups[0].serviceLocations.push({ sl: 'Z' });
    groups[0].dbaAddress.city = 'Nowhere';
    expect(demoGroups()[0].serviceLocations.map((l) => l.sl)).not.toContain('Z');
    expect(demoGroups()[0].dbaAddress.city).toBe('Boston');
  });
});

describe('demoIndividuals', () => {
  const providers = demoIndividuals(5000, 7);

  it('numbers PIDs from 210000001', () => {
    expect(providers[0].pid).toBe('210000001');
    expect(providers[4999].pid).toBe('210005000');
    expect(providers.every((p) => PID_PATTERN.test(p.pid))).toBe(true);
  });

  it('gives every provider a valid NPI, all distinct', () => {
    expect(providers.filter((p) => !isValidNpi(p.npi)).map((p) => p.npi)).toEqual([]);
    expect(new Set(providers.map((p) => p.npi)).size).toBe(providers.length);
  });

  it('is deterministic: same seed same records, another seed different ones', () => {
    expect(demoIndividuals(5000, 7)).toEqual(providers);
    const other = demoIndividuals(5000, 8);
    expect(other).not.toEqual(providers);
    const sameNpi = other.filter((p, i) => p.npi === providers[i].npi).length;
    expect(sameNpi).toBeLessThan(10);
    expect(demoIndividuals(100, 7)).toEqual(providers.slice(0, 100));
  });

  it('includes LTSS, DENTAL and ORP (at least 2 % each) among mostly clinical types', () => {
    const counts = countByProviderType(providers);
    for (const type of LINK_EXCLUDED_PROVIDER_TYPES) expect(counts[type]).toBeGreaterThanOrEqual(100);
    expect(counts.PHYSICIAN + counts.NURSE_PRACTITIONER).toBeGreaterThan(providers.length * 0.35);
    for (const type of PROVIDER_TYPES) expect(counts[type]).toBeGreaterThan(0);
  });

  it('credentials about a third', () => {
    const share = providers.filter((p) => p.credentialed).length / providers.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.39);
  });

  it('has accented and hyphenated names and shared last names', () => {
    const names = providers.map((p) => `${p.firstName} ${p.lastName}`);
    expect(names.some((n) => /[À-ɏẠ-ỹ]/.test(n))).toBe(true);
    expect(providers.some((p) => p.lastName.includes('-'))).toBe(true);
    expect(providers.some((p) => p.firstName === 'José')).toBe(true);
    expect(providers.some((p) => p.lastName === 'Nguyen-Tran')).toBe(true);
    const nguyens = providers.filter((p) => p.lastName.toLowerCase().includes('nguyen'));
    expect(new Set(nguyens.map((p) => p.lastName)).size).toBeGreaterThanOrEqual(2);
    expect(nguyens.length).toBeGreaterThan(20);
  });

  it('every provider passes validation against IndividualUpsertedV1', async () => {
    const problems: string[] = [];
    for (const provider of providers) {
      for (const problem of await problemsOf(IndividualUpsertedV1, provider)) problems.push(`${provider.pid} ${problem}`);
    }
    expect(problems).toEqual([]);
    expect(providers.every((p) => p.updatedAt === DEMO_UPDATED_AT)).toBe(true);
  });

  it('the default run is 3000 providers with the default seed', () => {
    const defaults = demoIndividuals();
    expect(defaults).toHaveLength(3000);
    expect(defaults).toEqual(demoIndividuals(3000));
  });
});

describe('single-record helpers', () => {
  it('individualProvider builds a valid record and applies overrides', async () => {
    expect(await problemsOf(IndividualUpsertedV1, individualProvider())).toEqual([]);
    const dentist = individualProvider({ pid: '210009999', npi: validNpi(99), providerType: 'DENTAL', lastName: 'Côté' });
    expect(dentist).toMatchObject({ kind: 'INDIVIDUAL', pid: '210009999', providerType: 'DENTAL', lastName: 'Côté' });
    expect(await problemsOf(IndividualUpsertedV1, dentist)).toEqual([]);
  });

  it('groupPractice builds a valid record and applies overrides', async () => {
    expect(await problemsOf(GroupUpsertedV1, groupPractice())).toEqual([]);
    const group = groupPractice({ pid: '110000099', serviceLocations: [{ sl: 'A' }] });
    expect(group).toMatchObject({ kind: 'GROUP', pid: '110000099', serviceLocations: [{ sl: 'A' }] });
    expect(await problemsOf(GroupUpsertedV1, group)).toEqual([]);
  });

  it('validation does reject a bad record (the check is not vacuous)', async () => {
    expect(await problemsOf(IndividualUpsertedV1, individualProvider({ npi: '123' }))).not.toEqual([]);
    expect(
      await problemsOf(GroupUpsertedV1, groupPractice({ dbaAddress: { line1: '1 Main St', city: 'Boston', state: 'Mass', zip: '2109' } })),
    ).toHaveLength(2);
    expect(await problemsOf(GroupUpsertedV1, groupPractice({ serviceLocations: [{ sl: 'a' }] }))).not.toEqual([]);
  });
});
