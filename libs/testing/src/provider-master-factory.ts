/**
 * Deterministic provider-master records (`provider-master.upserted.v1`) for the demo seed and tests.
 * No faker: a seeded PRNG (mulberry32) over small curated name tables, so the same seed always
 * gives the same records and re-seeding a running stack changes nothing.
 */
import {
  GroupUpsertedV1,
  IndividualUpsertedV1,
  npiCheckDigit,
  ProviderType,
  ServiceLocationRecord,
} from '@rosterlink/contracts';

/** Every demo record carries this `updatedAt`: consumers ignore an older-or-equal update, so re-seeding is idempotent. */
export const DEMO_UPDATED_AT = '2026-11-01T12:00:00Z';
export const DEMO_SEED = 20261101;
export const DEMO_PROVIDER_COUNT = 3000;
export const FIRST_GROUP_PID = 110000001;
export const FIRST_INDIVIDUAL_PID = 210000001;

/** mulberry32: a tiny, fast 32-bit PRNG. Returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An NPI (10 digits, valid check digit) from its first nine digits. */
export function npiFromPrefix(firstNineDigits: string): string {
  if (!/^\d{9}$/.test(firstNineDigits)) throw new Error(`NPI prefix must be 9 digits: ${firstNineDigits}`);
  return `${firstNineDigits}${npiCheckDigit(firstNineDigits)}`;
}

/**
 * A valid NPI for tests, one per `seedNumber` (distinct for 0 ≤ seedNumber < 10,000,000).
 * These start with `19`; `demoIndividuals` never generates an NPI starting with `19`, so a test
 * NPI never collides with a seeded provider.
 */
export function validNpi(seedNumber: number): string {
  if (!Number.isInteger(seedNumber) || seedNumber < 0) throw new Error(`seedNumber must be a non-negative integer: ${seedNumber}`);
  // 7 digits via an affine bijection of Z/10^7 (the multiplier is coprime with 10): spread, never repeated.
  const scrambled = (((seedNumber % 10_000_000) * 7_919_413 + 1_234_567) % 10_000_000 + 10_000_000) % 10_000_000;
  return npiFromPrefix(`19${String(scrambled).padStart(7, '0')}`);
}

// ---------------------------------------------------------------------------------------------
// Groups

interface GroupTemplate {
  name: string;
  dbaName: string;
  dbaAddress: GroupUpsertedV1['dbaAddress'];
  serviceLocations: ServiceLocationRecord[];
}

/** Curated Massachusetts group practices; PIDs are assigned in this order from 110000001. */
const GROUP_TEMPLATES: readonly GroupTemplate[] = [
  {
    name: 'Harbor Family Medicine LLC',
    dbaName: 'Harbor Family Medicine',
    dbaAddress: { line1: '12 Water St', line2: 'Suite 4', city: 'Boston', state: 'MA', zip: '02109' },
    serviceLocations: [{ sl: 'A', name: 'Main office' }, { sl: 'B', name: 'Dorchester clinic' }, { sl: 'C' }],
  },
  {
    name: 'Pioneer Valley Pediatrics, P.C.',
    dbaName: 'Pioneer Valley Pediatrics',
    dbaAddress: { line1: '1550 Main St', line2: 'Fl 3', city: 'Springfield', state: 'MA', zip: '01103' },
    serviceLocations: [{ sl: 'A', name: 'Springfield' }],
  },
  {
    name: 'Merrimack Behavioral Health Associates, Inc.',
    dbaName: 'Merrimack Behavioral Health',
    dbaAddress: { line1: '55 Merrimack St', city: 'Lowell', state: 'MA', zip: '01852' },
    serviceLocations: [{ sl: 'A', name: 'Lowell' }, { sl: 'B', name: 'Lawrence office' }],
  },
  {
    name: 'Blackstone Valley Community Health Center, Inc.',
    dbaName: 'Blackstone Valley Health',
    dbaAddress: { line1: '100 Front St', line2: 'Suite 210', city: 'Worcester', state: 'MA', zip: '01608' },
    serviceLocations: [
      { sl: 'A', name: 'Worcester main campus' },
      { sl: 'B', name: 'Webster' },
      { sl: 'C' },
      { sl: 'D', name: 'Mobile unit' },
    ],
  },
  {
    name: 'South Coast Rehabilitation & Therapy LLC',
    dbaName: 'South Coast Rehab',
    dbaAddress: { line1: '800 Purchase St', city: 'New Bedford', state: 'MA', zip: '02740' },
    serviceLocations: [{ sl: 'A', name: 'New Bedford' }, { sl: 'B', name: 'Fall River' }],
  },
  {
    name: "Berkshire Women's Health Partners LLP",
    dbaName: "Berkshire Women's Health",
    dbaAddress: { line1: '725 North St', line2: 'Bldg 2', city: 'Pittsfield', state: 'MA', zip: '01201' },
    serviceLocations: [{ sl: 'A' }],
  },
];

function groupPid(index: number): string {
  return String(FIRST_GROUP_PID + index);
}

/** The demo group practices (6), PIDs 110000001…110000006, each with 1–4 service locations. */
export function demoGroups(): GroupUpsertedV1[] {
  return GROUP_TEMPLATES.map((template, index) => ({
    kind: 'GROUP' as const,
    pid: groupPid(index),
    name: template.name,
    dbaName: template.dbaName,
    dbaAddress: { ...template.dbaAddress },
    serviceLocations: template.serviceLocations.map((location) => ({ ...location })),
    updatedAt: DEMO_UPDATED_AT,
  }));
}

/** Every PID/SL (`110000001A`) that `demoGroups()` produces. */
export function demoServiceLocationIds(): string[] {
  return demoGroups().flatMap((group) => group.serviceLocations.map((location) => `${group.pid}${location.sl}`));
}

/** One valid group record (Harbor Family Medicine by default); overrides replace whole fields. */
export function groupPractice(overrides: Partial<GroupUpsertedV1> = {}): GroupUpsertedV1 {
  const [harbor] = demoGroups();
  return { ...harbor, ...overrides, kind: 'GROUP' };
}

// ---------------------------------------------------------------------------------------------
// Individuals

/**
 * Provider-type weights (percent). Mostly clinical types, but LTSS, DENTAL and ORP — which the
 * portal excludes from link requests — well represented (≥ 3 % each) so the exclusion is visible.
 */
export const PROVIDER_TYPE_WEIGHTS: Readonly<Record<ProviderType, number>> = {
  PHYSICIAN: 30,
  NURSE_PRACTITIONER: 15,
  PHYSICIAN_ASSISTANT: 8,
  NURSE_MIDWIFE: 2,
  PSYCHOLOGIST: 5,
  CLINICAL_SOCIAL_WORKER: 6,
  MENTAL_HEALTH_COUNSELOR: 5,
  PODIATRIST: 2,
  OPTOMETRIST: 2,
  CHIROPRACTOR: 2,
  PHYSICAL_THERAPIST: 4,
  OCCUPATIONAL_THERAPIST: 2,
  SPEECH_LANGUAGE_PATHOLOGIST: 2,
  AUDIOLOGIST: 1,
  DIETITIAN: 1,
  COMMUNITY_HEALTH_WORKER: 2,
  LTSS: 4,
  DENTAL: 4,
  ORP: 3,
};

const FIRST_NAMES: readonly string[] = [
  'Ana', 'José', 'María', 'Luis', 'Sofía', 'Mateus', 'João', 'Beatriz', 'Linh', 'Minh', 'Thảo', 'Huy',
  'Wei', 'Mei', 'Jun', 'Priya', 'Arjun', 'Ananya', 'Rahul', 'Fatima', 'Omar', 'Aisha', 'Yusuf', 'Chloé',
  'François', 'Zoë', 'Renée', 'André', 'Siobhan', 'Declan', 'Aoife', 'Patrick', 'Bridget', 'Kevin',
  'Michael', 'Jennifer', 'David', 'Sarah', 'James', 'Emily', 'Robert', 'Jessica', 'William', 'Ashley',
  'Christopher', 'Elizabeth', 'Daniel', 'Lauren', 'Matthew', 'Rachel', 'Anthony', 'Nicole', 'Joseph',
  'Megan', 'Thomas', 'Kimberly', 'Jean-Pierre', 'Marie-Claire', 'Nkechi', 'Chinedu', 'Kwame', 'Abena',
  'Dmitri', 'Olga', 'Katarzyna', 'Piotr', 'Giulia', 'Marco', 'Sung-min', 'Ji-woo', 'Hiroshi', 'Yuki',
  'Noa', 'Ari', 'Hannah', 'Samuel', 'Grace', 'Ethan', 'Olivia', 'Benjamin',
];

/**
 * Last names with weights: common ones repeat a lot, and related spellings (Nguyen / Nguyen-Tran,
 * Silva / da Silva / Silva-Santos, Murphy / McMurphy, Johnson / Johnston) make partial-name search interesting.
 */
const LAST_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyen', 8], ['Nguyen-Tran', 3], ['Tran', 4], ['Pham', 2], ['Lê', 2],
  ['Silva', 6], ['da Silva', 3], ['Silva-Santos', 2], ['Souza', 4], ['Santos', 4], ['Pereira', 3], ['Gonçalves', 2],
  ['García', 5], ['Rodríguez', 5], ['Martínez', 4], ['Hernández', 4], ['López', 3], ['Peña', 2], ['Ortiz', 2],
  ['Murphy', 5], ['McMurphy', 1], ["O'Brien", 4], ['Sullivan', 4], ['Kelly', 3], ['Fitzgerald', 2], ['Walsh', 2],
  ['Smith', 6], ['Johnson', 5], ['Johnston', 2], ['Williams', 4], ['Brown', 4], ['Jones', 3], ['Miller', 3],
  ['Davis', 3], ['Wilson', 2], ['Anderson', 2], ['Taylor', 2], ['Thomas', 2], ['Moore', 2], ['Clark', 2],
  ['Chen', 5], ['Wang', 4], ['Li', 3], ['Zhang', 3], ['Liu', 2], ['Wong', 2], ['Chan', 2],
  ['Patel', 5], ['Shah', 3], ['Singh', 3], ['Reddy', 2], ['Iyer', 1], ['Gupta', 2],
  ['Kim', 4], ['Park', 3], ['Lee', 4], ['Choi', 2], ['Tanaka', 1], ['Sato', 1],
  ['Okafor', 2], ['Adeyemi', 2], ['Mensah', 2], ['Haddad', 2], ['Khoury', 2], ['Abdullah', 1],
  ['Côté', 2], ['Lefèvre', 1], ['Gagnon', 2], ['Bouchard', 2], ['Rossi', 2], ['Russo', 2], ['Costa', 2],
  ['Kowalski', 2], ['Nowak', 1], ['Ivanova', 1], ['Cohen', 3], ['Levi', 1], ['Goldberg', 2],
  ['St. John', 1], ['Van der Berg', 1], ['Baptiste', 2], ['Jean-Baptiste', 2], ['Pierre', 2],
];

function weightedPicker<T>(entries: ReadonlyArray<readonly [T, number]>): (random: number) => T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return (random) => {
    let target = random * total;
    for (const [value, weight] of entries) {
      target -= weight;
      if (target < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
}

const pickProviderType = weightedPicker(Object.entries(PROVIDER_TYPE_WEIGHTS) as Array<[ProviderType, number]>);
const pickLastName = weightedPicker(LAST_NAMES);

/**
 * `count` individual providers, PIDs 210000001… in order, with unique valid NPIs (never starting
 * with `19`, see `validNpi`). The same `(count, seed)` always gives the same records, and a
 * shorter run is a prefix of a longer one with the same seed.
 */
export function demoIndividuals(count: number = DEMO_PROVIDER_COUNT, seed: number = DEMO_SEED): IndividualUpsertedV1[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer: ${count}`);
  if (FIRST_INDIVIDUAL_PID + count - 1 > 999_999_999) throw new Error(`count too large for 9-digit PIDs: ${count}`);
  const random = mulberry32(seed);
  const usedNpis = new Set<string>();
  const individuals: IndividualUpsertedV1[] = [];
  for (let i = 0; i < count; i++) {
    let npi: string;
    do {
      // '1' then 8 digits whose first is 0–8: individual-style NPIs, disjoint from validNpi's '19…'.
      const second = Math.floor(random() * 9);
      const rest = String(Math.floor(random() * 10_000_000)).padStart(7, '0');
      npi = npiFromPrefix(`1${second}${rest}`);
    } while (usedNpis.has(npi));
    usedNpis.add(npi);
    individuals.push({
      kind: 'INDIVIDUAL',
      pid: String(FIRST_INDIVIDUAL_PID + i),
      npi,
      firstName: FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)],
      lastName: pickLastName(random()),
      providerType: pickProviderType(random()),
      credentialed: random() < 1 / 3,
      updatedAt: DEMO_UPDATED_AT,
    });
  }
  return individuals;
}

/** One valid individual record (Ana Souza, PHYSICIAN, PID 210000001, NPI `validNpi(1)`); overrides replace fields. */
export function individualProvider(overrides: Partial<IndividualUpsertedV1> = {}): IndividualUpsertedV1 {
  return {
    pid: String(FIRST_INDIVIDUAL_PID),
    npi: validNpi(1),
    firstName: 'Ana',
    lastName: 'Souza',
    providerType: 'PHYSICIAN',
    credentialed: false,
    updatedAt: DEMO_UPDATED_AT,
    ...overrides,
    kind: 'INDIVIDUAL',
  };
}

/** Counts by provider type, every type present (0 when none). */
export function countByProviderType(individuals: readonly IndividualUpsertedV1[]): Record<ProviderType, number> {
  const counts = Object.fromEntries(Object.keys(PROVIDER_TYPE_WEIGHTS).map((type) => [type, 0])) as Record<ProviderType, number>;
  for (const individual of individuals) counts[individual.providerType]++;
  return counts;
}
