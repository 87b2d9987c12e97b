import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AffiliationChange,
  businessDateOf,
  IndividualUpsertedV1,
  type Page,
  PractitionerAffiliatedV1,
  type ProviderSearchItem,
  ProviderType,
  type ServiceLocation,
  type ServicingProvider,
  Topics,
} from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  individualProvider,
  KafkaProbe,
  practitionerAffiliated,
  providerUser,
  RunningService,
  startService,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';
import { ServicingLinkRepository } from '../src/servicing-link/servicing-link.repository';

const GROUP = '110000041';
const OTHER_GROUP = '110000042';

/** Individuals of this spec: PIDs 2100041xx, NPIs validNpi(41xx), surnames nobody else uses. */
function person(n: number, firstName: string, lastName: string, providerType: ProviderType = 'PHYSICIAN'): IndividualUpsertedV1 {
  return individualProvider({ pid: String(210004100 + n), npi: validNpi(4100 + n), firstName, lastName, providerType });
}
const NGUYEN = person(1, 'Minh', 'Nguyen');
const JOSE = person(2, 'José', 'Hernández', 'NURSE_PRACTITIONER');
const MARLOWE = person(3, 'Ava', 'Marlowe', 'PSYCHOLOGIST');
const MARLOV = person(4, 'Ben', 'Marlov');
const JEAN_BAPTISTE = person(5, 'Claire', 'Jean-Baptiste', 'CLINICAL_SOCIAL_WORKER');
const QUILL = {
  physician: person(6, 'Paul', 'Quillfeather'),
  ltss: person(7, 'Iris', 'Quillfeather', 'LTSS'),
  dental: person(8, 'Owen', 'Quillfeather', 'DENTAL'),
  orp: person(9, 'Ruth', 'Quillfeather', 'ORP'),
};
const ROSTERED = [person(11, 'Dana', 'Whitcombe'), person(12, 'Eli', 'Whitcombe'), person(13, 'Faye', 'Ostrander'), person(14, 'Gus', 'Pennington')];
const [DANA, ELI, FAYE, GUS] = ROSTERED;
/** Added by roster before the provider master knows them: their names come from the roster alone (published to the master later). */
const HANA = person(20, 'Hana', 'Rosterfield');
/** Enough namesakes that a partial name is plainly not a typo. */
const BRIGHTWATERS = Array.from({ length: 50 }, (_, i) => person(50 + i, `Bo${String.fromCharCode(97 + (i % 26))}`, 'Brightwater'));
const BRIGHTWATTER = person(49, 'Cy', 'Brightwatter');
/** Physicians numbered from `first` on, by [first name, last name]. */
const people = (first: number, names: [string, string][]) => names.map(([firstName, lastName], i) => person(first + i, firstName, lastName));
/** Names starting "Vexl", written in every case and accent, and one first name: a directory across many names. */
const VEXLS = people(21, [
  ['Cal', 'Vexler'], ['Ann', 'Vexler'], ['Bob', 'Vexler'], ['Dee', 'vexley'], ['Eve', 'vexley'], ['Fay', 'Vëxlund'],
  ['Gil', 'Vëxlund'], ['Hal', 'VEXLOW'], ['Ivy', 'VEXLOW'], ['Jo', 'da Vexla'], ['Vexlina', 'Abbot'],
]);
/** Near misses of "Quorbin", and one name it starts. */
const QUORBINS = people(33, [
  ['Al', 'Quorbyn'], ['Bea', 'Quorbyn'], ['Cy', 'Qorbin'], ['Di', 'Qorbin'], ['Ed', 'Kuorbin'], ['Flo', 'Kuorbin'], ['Gus', 'Quorbine'],
]);
const EVERYONE = [
  NGUYEN, JOSE, MARLOWE, MARLOV, JEAN_BAPTISTE, ...Object.values(QUILL), ...ROSTERED, ...BRIGHTWATERS, BRIGHTWATTER, ...VEXLS, ...QUORBINS,
];

const DAY_MS = 24 * 60 * 60 * 1000;
/** A calendar date `days` from today in the business time zone. */
const dayFromToday = (days: number) => businessDateOf(new Date(Date.now() + days * DAY_MS));

interface ErrorBody {
  statusCode: number;
  message: string;
  details?: { field: string; message: string }[];
}

describe('link-request-service: provider directory (locations, servicing providers, provider search)', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;
  /** Grants on A and C of GROUP (not B), and on a location the provider master does not have. */
  let manager: string;
  const startedAt = Date.now();
  /** An `affiliatedAt` `seconds` after the run started: the order in which the roster stated things. */
  const statedAt = (seconds: number) => new Date(startedAt + seconds * 1000).toISOString();

  beforeAll(async () => {
    service = await startService(LINK_REQUEST_SERVICE);
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
    manager = await tokenFor(providerUser(`${GROUP}A`, `${GROUP}C`, `${GROUP}Z`));
    await probe.publish(
      Topics.ProviderMasterUpserted,
      GROUP,
      groupPractice({ pid: GROUP, serviceLocations: [{ sl: 'A', name: 'Main office' }, { sl: 'B', name: 'Annex' }, { sl: 'C' }] }),
    );
    await probe.publish(
      Topics.ProviderMasterUpserted,
      OTHER_GROUP,
      groupPractice({ pid: OTHER_GROUP, name: 'Cape Ann Therapy LLC', dbaName: 'Cape Ann Therapy', serviceLocations: [{ sl: 'A' }] }),
    );
    for (const individual of EVERYONE) await probe.publish(Topics.ProviderMasterUpserted, individual.pid, individual);
    await eventually(async () => {
      const [{ groups, individuals }] = await db().query(
        `SELECT (SELECT count(*) FROM link_request.provider_groups WHERE pid = ANY($1))::int AS groups,
                (SELECT count(*) FROM link_request.providers WHERE pid = ANY($2))::int AS individuals`,
        [[GROUP, OTHER_GROUP], EVERYONE.map((i) => i.pid)],
      );
      if (groups !== 2 || individuals !== EVERYONE.length) throw new Error('provider master not projected yet');
    });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  function db(): DataSource {
    return service.app.get(DataSource);
  }

  async function get<T>(path: string, token: string | null = backOffice): Promise<{ status: number; body: T }> {
    const response = await fetch(`${service.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function servicingProviders(pidsl: string, token = backOffice): Promise<Page<ServicingProvider>> {
    const { status, body } = await get<Page<ServicingProvider>>(`/service-locations/${pidsl}/servicing-providers?limit=1000`, token);
    expect(status).toBe(200);
    return body;
  }

  async function search(query: string): Promise<Page<ProviderSearchItem>> {
    const { status, body } = await get<Page<ProviderSearchItem>>(`/providers/search?${query}`);
    expect(status).toBe(200);
    return body;
  }

  /** What an import-service roster case announces for one practitioner at one location. */
  async function affiliate(
    who: IndividualUpsertedV1,
    serviceLocation: string,
    change: AffiliationChange,
    dates: { effectiveDate: string; endDate?: string },
    affiliatedAt: string,
    eventId?: string,
  ): Promise<PractitionerAffiliatedV1> {
    const event = practitionerAffiliated(who, {
      groupId: GROUP,
      serviceLocation,
      change,
      ...dates,
      caseNumber: `RI-2026-0041${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
      affiliatedAt,
    });
    await probe.publish(Topics.PractitionerAffiliated, GROUP, event, eventId);
    return event;
  }

  /** Waits until `pidsl` lists `who` with `endDate` (null: open). */
  async function listed(pidsl: string, who: IndividualUpsertedV1, endDate: string | null): Promise<ServicingProvider[]> {
    return eventually(async () => {
      const { items } = await servicingProviders(pidsl);
      if (!items.some((i) => i.npi === who.npi && i.endDate === endDate)) throw new Error(`${who.lastName} not listed yet at ${pidsl}`);
      return items;
    });
  }

  describe('List of Locations', () => {
    it("shows a provider user exactly the granted locations the provider master has, with group, DBA and location names", async () => {
      const { status, body } = await get<Page<ServiceLocation>>('/service-locations', manager);
      expect(status).toBe(200);
      expect(body).toEqual({
        total: 2,
        items: [
          {
            pidsl: `${GROUP}A`,
            groupId: GROUP,
            serviceLocation: 'A',
            locationName: 'Main office',
            groupName: 'Harbor Family Medicine LLC',
            dbaName: 'Harbor Family Medicine',
          },
          expect.objectContaining({ pidsl: `${GROUP}C`, serviceLocation: 'C', locationName: null }),
        ],
      });
    });

    it('shows back office every location, a group at a time when asked, paged', async () => {
      const all = await get<Page<ServiceLocation>>('/service-locations?limit=1000');
      expect(all.body.items.map((l) => l.pidsl)).toEqual(expect.arrayContaining([`${GROUP}A`, `${GROUP}B`, `${GROUP}C`, `${OTHER_GROUP}A`]));
      expect(all.body.total).toBe(all.body.items.length);

      const group = await get<Page<ServiceLocation>>(`/service-locations?groupId=${GROUP}`);
      expect(group.body).toMatchObject({ total: 3, items: [{ pidsl: `${GROUP}A` }, { pidsl: `${GROUP}B` }, { pidsl: `${GROUP}C` }] });
      const lastPage = await get<Page<ServiceLocation>>(`/service-locations?groupId=${GROUP}&limit=2&offset=2`);
      expect(lastPage.body).toMatchObject({ total: 3, items: [{ pidsl: `${GROUP}C` }] });
    });

    it("answers 404 for another group's locations and 400 for a malformed filter", async () => {
      expect((await get(`/service-locations?groupId=${OTHER_GROUP}`, manager)).status).toBe(404);
      expect((await get('/service-locations?groupId=12345', manager)).status).toBe(400);
      expect((await get('/service-locations', null)).status).toBe(401);
    });
  });

  describe('List of Servicing Providers', () => {
    it('lists roster-linked practitioners; a terminated one stays listed, inactive, after the current ones', async () => {
      const pidsl = `${GROUP}A`;
      const added = await affiliate(DANA, 'A', 'ADDED', { effectiveDate: dayFromToday(-200) }, statedAt(1));
      await affiliate(ELI, 'A', 'ADDED', { effectiveDate: dayFromToday(-100) }, statedAt(1));
      await affiliate(ELI, 'A', 'TERMINATED', { effectiveDate: dayFromToday(-100), endDate: dayFromToday(-10) }, statedAt(2));

      const items = await listed(pidsl, ELI, dayFromToday(-10));
      expect(items).toEqual([
        {
          providerId: DANA.pid,
          npi: DANA.npi,
          firstName: 'Dana',
          lastName: 'Whitcombe',
          providerType: 'PHYSICIAN',
          effectiveDate: dayFromToday(-200),
          endDate: null,
          active: true,
          source: 'ROSTER',
          sourceReference: added.caseNumber,
        },
        expect.objectContaining({ npi: ELI.npi, effectiveDate: dayFromToday(-100), endDate: dayFromToday(-10), active: false }),
      ]);
      expect((await get(`/service-locations/${pidsl}/servicing-providers`, manager)).status).toBe(200);
    });

    it('ignores a replayed or older roster statement', async () => {
      const pidsl = `${GROUP}A`;
      await listed(pidsl, ELI, dayFromToday(-10));
      // An update stated before the termination, delivered after it, and a replay of the termination itself.
      await affiliate(ELI, 'A', 'UPDATED', { effectiveDate: dayFromToday(-100) }, statedAt(1.5));
      await affiliate(ELI, 'A', 'ADDED', { effectiveDate: dayFromToday(-100) }, statedAt(1));
      await affiliate(ELI, 'A', 'TERMINATED', { effectiveDate: dayFromToday(-100), endDate: dayFromToday(-10) }, statedAt(2));
      // Same key, same partition: once this one is in, the ones before it were handled.
      await affiliate(FAYE, 'B', 'ADDED', { effectiveDate: dayFromToday(-30) }, statedAt(3));
      await listed(`${GROUP}B`, FAYE, null);

      const { items, total } = await servicingProviders(pidsl);
      expect(total).toBe(2);
      expect(items.find((i) => i.npi === ELI.npi)).toMatchObject({ endDate: dayFromToday(-10), active: false });
    });

    it('converges when a termination arrives before the addition, and keeps the ended period when the practitioner comes back', async () => {
      const pidsl = `${GROUP}C`;
      await affiliate(GUS, 'C', 'TERMINATED', { effectiveDate: dayFromToday(-300), endDate: dayFromToday(-60) }, statedAt(5));
      await affiliate(GUS, 'C', 'ADDED', { effectiveDate: dayFromToday(-300) }, statedAt(4));
      await affiliate(FAYE, 'C', 'ADDED', { effectiveDate: dayFromToday(-5) }, statedAt(6));
      await listed(pidsl, FAYE, null);
      expect((await servicingProviders(pidsl)).items.filter((i) => i.npi === GUS.npi)).toEqual([
        expect.objectContaining({ effectiveDate: dayFromToday(-300), endDate: dayFromToday(-60), active: false }),
      ]);

      // Re-added by a later roster: both periods listed, the current one first.
      await affiliate(GUS, 'C', 'UPDATED', { effectiveDate: dayFromToday(-20) }, statedAt(7));
      const items = await listed(pidsl, GUS, null);
      expect(items.filter((i) => i.npi === GUS.npi).map((i) => [i.effectiveDate, i.endDate, i.active])).toEqual([
        [dayFromToday(-20), null, true],
        [dayFromToday(-300), dayFromToday(-60), false],
      ]);
      expect(items.map((i) => i.active)).toEqual([true, true, false]);
    });

    it('moves the effective date of a roster link when a later roster corrects it', async () => {
      const pidsl = `${GROUP}B`;
      await affiliate(DANA, 'B', 'ADDED', { effectiveDate: dayFromToday(-50) }, statedAt(8));
      await affiliate(DANA, 'B', 'UPDATED', { effectiveDate: dayFromToday(-40) }, statedAt(9));
      const items = await listed(pidsl, DANA, null).then(() =>
        eventually(async () => {
          const found = (await servicingProviders(pidsl)).items.filter((i) => i.npi === DANA.npi);
          if (found[0]?.effectiveDate !== dayFromToday(-40)) throw new Error('correction not applied yet');
          return found;
        }),
      );
      expect(items).toHaveLength(1);
    });

    it('ends the roster link at the old location, the day before, when a later roster moves the practitioner', async () => {
      await listed(`${GROUP}C`, GUS, null);
      await affiliate(GUS, 'A', 'UPDATED', { effectiveDate: dayFromToday(-3) }, statedAt(10));
      await listed(`${GROUP}A`, GUS, null);
      const atC = await listed(`${GROUP}C`, GUS, dayFromToday(-4));
      expect(atC.filter((i) => i.npi === GUS.npi).map((i) => [i.effectiveDate, i.endDate, i.active])).toEqual([
        [dayFromToday(-20), dayFromToday(-4), false],
        [dayFromToday(-300), dayFromToday(-60), false],
      ]);
    });

    it("answers 404 for a location outside the caller's grants or unknown to the provider master, 400 for a malformed one", async () => {
      expect((await get(`/service-locations/${GROUP}B/servicing-providers`, manager)).status).toBe(404);
      expect((await get(`/service-locations/${OTHER_GROUP}A/servicing-providers`, manager)).status).toBe(404);
      // Granted, but the group has no location Z.
      expect((await get(`/service-locations/${GROUP}Z/servicing-providers`, manager)).status).toBe(404);
      expect((await get(`/service-locations/${GROUP}B/servicing-providers`)).status).toBe(200);
      const malformed = await get<ErrorBody>('/service-locations/11000004A/servicing-providers');
      expect(malformed.status).toBe(400);
      expect(malformed.body.details?.map((d) => d.field)).toEqual(['pidsl']);
    });

    it('names practitioners added by roster from the roster until the provider master knows them, then from the master', async () => {
      const pidsl = `${OTHER_GROUP}A`;
      const statement = (who: IndividualUpsertedV1, names: { firstName: string; lastName: string }, change: AffiliationChange, effectiveDate: string, seconds: number) => {
        const event = {
          ...practitionerAffiliated(who, { groupId: OTHER_GROUP, serviceLocation: 'A', change, effectiveDate, caseNumber: 'RI-2026-004199', affiliatedAt: statedAt(seconds) }),
          ...names,
        };
        return probe.publish(Topics.PractitionerAffiliated, OTHER_GROUP, event);
      };
      const namesAt = async (who: IndividualUpsertedV1, expected: [string | null, string | null]) =>
        eventually(async () => {
          const row = (await servicingProviders(pidsl)).items.find((i) => i.npi === who.npi);
          if (!row || row.firstName !== expected[0] || row.lastName !== expected[1]) throw new Error(`${who.npi} named ${row?.firstName} ${row?.lastName}`);
          return row;
        });

      // Unknown to the provider master: the roster's names, set by the first statement, corrected by a later one.
      await statement(HANA, { firstName: 'Hana', lastName: 'Rosterfeld' }, 'ADDED', dayFromToday(-30), 20);
      expect(await namesAt(HANA, ['Hana', 'Rosterfeld'])).toMatchObject({ providerId: null, providerType: null, source: 'ROSTER', active: true });
      await statement(HANA, { firstName: 'Hana', lastName: 'Rosterfield' }, 'UPDATED', dayFromToday(-30), 21);
      await namesAt(HANA, ['Hana', 'Rosterfield']);
      // An older statement does not rename them back.
      await statement(HANA, { firstName: 'Hanna', lastName: 'Old' }, 'UPDATED', dayFromToday(-30), 20.5);

      // Known to the provider master: its names, whatever the roster says.
      await statement(NGUYEN, { firstName: 'Min', lastName: 'Nguyen-Roster' }, 'ADDED', dayFromToday(-10), 22);
      expect(await namesAt(NGUYEN, ['Minh', 'Nguyen'])).toMatchObject({ providerId: NGUYEN.pid, providerType: 'PHYSICIAN' });
      expect((await servicingProviders(pidsl)).items.find((i) => i.npi === HANA.npi)).toMatchObject({ firstName: 'Hana', lastName: 'Rosterfield' });

      // Once the provider master learns the roster-only practitioner, its names win.
      await probe.publish(Topics.ProviderMasterUpserted, HANA.pid, { ...HANA, firstName: 'Hannah', lastName: 'Rosterfield-Lee' });
      expect(await namesAt(HANA, ['Hannah', 'Rosterfield-Lee'])).toMatchObject({ providerId: HANA.pid });
      // Listed by name: Nguyen before Rosterfield-Lee.
      expect((await servicingProviders(pidsl)).items.map((i) => i.npi)).toEqual([NGUYEN.npi, HANA.npi]);
    });

    it('pages the list', async () => {
      const pidsl = `${GROUP}A`;
      const all = await get<Page<ServicingProvider>>(`/service-locations/${pidsl}/servicing-providers`);
      const first = await get<Page<ServicingProvider>>(`/service-locations/${pidsl}/servicing-providers?limit=2`);
      const second = await get<Page<ServicingProvider>>(`/service-locations/${pidsl}/servicing-providers?limit=2&offset=2`);
      expect([first.body.total, second.body.total]).toEqual([3, 3]);
      expect([...first.body.items, ...second.body.items].map((i) => i.npi)).toEqual(all.body.items.map((i) => i.npi));
      expect(new Set(all.body.items.map((i) => i.npi))).toEqual(new Set([DANA.npi, ELI.npi, GUS.npi]));
    });
  });

  describe('ServicingLinks, for link requests and /links/verify', () => {
    it('records an approved link and an approved unlink, and answers which link was in force on a date', async () => {
      const links = service.app.get(ServicingLinkRepository);
      const pidsl = `${GROUP}B`;
      const requestId = randomUUID();
      const created = await db().transaction((tx) =>
        links.createFromLinkRequest(tx, { requestId, pidsl, npi: NGUYEN.npi, effectiveDate: dayFromToday(10), endDate: null }),
      );
      expect(created).toMatchObject({
        pidsl,
        groupId: GROUP,
        serviceLocation: 'B',
        providerPid: NGUYEN.pid,
        npi: NGUYEN.npi,
        effectiveDate: dayFromToday(10),
        endDate: null,
        source: 'LINK_REQUEST',
        sourceReference: requestId,
      });
      expect(await links.activeLinkOn(pidsl, NGUYEN.npi, dayFromToday(9))).toBeNull();
      expect((await links.activeLinkOn(pidsl, NGUYEN.npi, dayFromToday(10)))?.id).toBe(created.id);
      expect((await links.overlapping(pidsl, NGUYEN.npi, dayFromToday(100), null))?.id).toBe(created.id);
      expect(await links.overlapping(pidsl, NGUYEN.npi, dayFromToday(0), dayFromToday(9))).toBeNull();

      const unlinkId = randomUUID();
      const ended = await db().transaction((tx) =>
        links.endFromUnlinkRequest(tx, { requestId: unlinkId, pidsl, npi: NGUYEN.npi, endDate: dayFromToday(40) }),
      );
      expect(ended).toMatchObject({ id: created.id, endDate: dayFromToday(40), sourceReference: unlinkId });
      expect(await links.activeLinkOn(pidsl, NGUYEN.npi, dayFromToday(41))).toBeNull();
      expect(await db().transaction((tx) => links.endFromUnlinkRequest(tx, { requestId: randomUUID(), pidsl, npi: NGUYEN.npi, endDate: dayFromToday(41) }))).toBeNull();

      const listedHere = (await servicingProviders(pidsl)).items.find((i) => i.npi === NGUYEN.npi);
      expect(listedHere).toMatchObject({ providerId: NGUYEN.pid, firstName: 'Minh', active: false, source: 'LINK_REQUEST', endDate: dayFromToday(40) });
    });
  });

  describe('Search for Provider', () => {
    const mine = (page: Page<ProviderSearchItem>) => page.items.filter((i) => EVERYONE.some((e) => e.pid === i.providerId));

    it('finds an individual by NPI or by provider ID, exactly', async () => {
      const expected = {
        providerId: NGUYEN.pid,
        npi: NGUYEN.npi,
        firstName: 'Minh',
        lastName: 'Nguyen',
        providerType: 'PHYSICIAN',
        linkable: true,
        match: 'EXACT_ID',
      };
      expect(await search(`npi=${NGUYEN.npi}`)).toEqual({ total: 1, items: [expected] });
      expect(await search(`providerId=${NGUYEN.pid}&npi=&name=`)).toEqual({ total: 1, items: [expected] });
      // Individuals only: a group's PID finds nobody.
      expect(await search(`providerId=${GROUP}`)).toEqual({ total: 0, items: [] });
    });

    it.each([
      ['the start of the last name, in any case', 'nGUy', NGUYEN, 'NAME_PREFIX'],
      ['parts of first and last name', 'min ngu', NGUYEN, 'NAME_PREFIX'],
      ['last name, first name', 'Nguyen, Minh', NGUYEN, 'NAME_PREFIX'],
      ['a word inside a hyphenated name', 'baptiste', JEAN_BAPTISTE, 'NAME_PREFIX'],
      ['an accented name typed without its accent', 'Jose', JOSE, 'NAME_PREFIX'],
      ['an accented last name typed without its accent', 'hernandez', JOSE, 'NAME_PREFIX'],
      ['a name with one wrong letter', 'Nguyem', NGUYEN, 'SIMILAR_NAME'],
      ['a name with two wrong letters', 'Ernandes', JOSE, 'SIMILAR_NAME'],
      ['a misspelled name with its first name', 'Minh Nguyem', NGUYEN, 'SIMILAR_NAME'],
    ])('finds a provider by %s (%s)', async (_, name, who, match) => {
      const found = await search(`name=${encodeURIComponent(name)}`);
      expect(found.items).toContainEqual(expect.objectContaining({ providerId: who.pid, firstName: who.firstName, lastName: who.lastName, match }));
    });

    it('ranks exact ID matches first, then name prefixes, then similar names', async () => {
      const found = await search(`npi=${QUILL.physician.npi}&name=Marlow`);
      expect(mine(found).map((i) => [i.lastName, i.match])).toEqual([
        ['Quillfeather', 'EXACT_ID'],
        ['Marlowe', 'NAME_PREFIX'],
        ['Marlov', 'SIMILAR_NAME'],
      ]);
    });

    it('offers similar names for a typo, but not for a partial name that starts many names', async () => {
      const partial = await search('name=Brightwate&limit=100');
      expect(partial.total).toBe(BRIGHTWATERS.length);
      expect(partial.items.every((i) => i.lastName === 'Brightwater' && i.match === 'NAME_PREFIX')).toBe(true);

      const typo = await search('name=Brightwatre&limit=100');
      expect(typo.total).toBe(BRIGHTWATERS.length + 1);
      expect(new Set(typo.items.map((i) => i.match))).toEqual(new Set(['SIMILAR_NAME']));
    });

    /** Every match of `query`, read `limit` at a time. */
    async function everyPage(query: string, limit: number): Promise<{ totals: number[]; items: ProviderSearchItem[] }> {
      const pages: Page<ProviderSearchItem>[] = [];
      do pages.push(await search(`${query}&limit=${limit}&offset=${pages.length * limit}`));
      while (pages.length * limit < pages[0].total);
      return { totals: pages.map((p) => p.total), items: pages.flatMap((p) => p.items) };
    }

    it('lists name matches like a directory, case and accents aside, the same across pages', async () => {
      const expected = ['Vexlina Abbot', 'Jo da Vexla', 'Ann Vexler', 'Bob Vexler', 'Cal Vexler', 'Dee vexley', 'Eve vexley',
        'Hal VEXLOW', 'Ivy VEXLOW', 'Fay Vëxlund', 'Gil Vëxlund'];
      const { totals, items } = await everyPage('name=vexl', 4);
      expect(totals).toEqual([11, 11, 11]);
      expect(items.map((i) => `${i.firstName} ${i.lastName}`)).toEqual(expected);
      expect(new Set(items.map((i) => i.match))).toEqual(new Set(['NAME_PREFIX']));
    });

    it('lists similar names closest first, then like a directory, the same across pages', async () => {
      const [{ order }]: { order: string[] }[] = await db().query(
        `SELECT array_agg(pid ORDER BY search_last_name LIKE 'quorbin%' DESC,
                                       strict_word_similarity('quorbin', search_last_name) DESC, search_last_name, last_name, first_name, pid) AS order
         FROM link_request.providers WHERE pid = ANY($1)`,
        [QUORBINS.map((q) => q.pid)],
      );
      const { totals, items } = await everyPage('name=Quorbin', 2);
      expect(totals).toEqual([7, 7, 7, 7]);
      expect(items.map((i) => i.providerId)).toEqual(order);
      expect(items.map((i) => i.match)).toEqual(['NAME_PREFIX', ...Array(6).fill('SIMILAR_NAME')]);
      expect((await search('name=Quorbin&limit=100')).items).toEqual(items);
    });

    it('flags LTSS, DENTAL and ORP providers as not linkable, saying why', async () => {
      const found = await search('name=quillfeather');
      expect(found.total).toBe(4);
      const byType = Object.fromEntries(found.items.map((i) => [i.providerType, i]));
      expect(byType['PHYSICIAN']).toMatchObject({ linkable: true });
      expect(byType['PHYSICIAN'].notLinkableReason).toBeUndefined();
      expect(byType['LTSS']).toMatchObject({ linkable: false, notLinkableReason: expect.stringContaining('LTSS') });
      expect(byType['DENTAL']).toMatchObject({ linkable: false, notLinkableReason: expect.stringContaining('Dental') });
      expect(byType['ORP']).toMatchObject({ linkable: false, notLinkableReason: expect.stringContaining('ORP') });
    });

    it('pages the results with the total of all matches', async () => {
      const first = await search('name=Quillfeather&limit=3');
      const rest = await search('name=Quillfeather&limit=3&offset=3');
      const beyond = await search('name=Quillfeather&limit=3&offset=8');
      expect([first.total, rest.total, beyond.total]).toEqual([4, 4, 4]);
      expect(new Set([...first.items, ...rest.items].map((i) => i.providerId))).toEqual(new Set(Object.values(QUILL).map((q) => q.pid)));
      expect(beyond.items).toEqual([]);
    });

    it('answers 400 naming the fields when no criterion is given, or one is malformed', async () => {
      for (const query of ['', '?providerId=&npi=&name=%20%20', '?limit=10']) {
        const { status, body } = await get<ErrorBody>(`/providers/search${query}`);
        expect(status).toBe(400);
        expect(body.details?.map((d) => d.field)).toEqual(['providerId', 'npi', 'name']);
        expect(body.details?.[0].message).toMatch(/at least one/);
      }
      const badNpi = await get<ErrorBody>('/providers/search?npi=1234567890&name=Nguyen');
      expect(badNpi.status).toBe(400);
      expect(badNpi.body.details).toEqual([{ field: 'npi', message: expect.stringContaining('check digit') }]);
      expect((await get('/providers/search?name=-%20-')).status).toBe(400);
      expect((await get('/providers/search?name=Nguyen&sort=name')).status).toBe(400);
      expect((await get('/providers/search?name=Nguyen', null)).status).toBe(401);
    });
  });
});
