import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { checkPlanOf, decodeEventPayload } from './payload-decoding';
import { EVENT_DEFINITIONS, EventTopic } from './topics';
import { SAMPLES } from './event-samples.fixture';
import { PractitionerAffiliatedV1 } from './events/practitioner-affiliated.event';
import { LinkRequestSlaBreachedV1 } from './events/link-request.events';
import { RosterImportCompletedV1 } from './events/roster-import-completed.event';
import { GroupUpsertedV1 } from './events/provider-master-upserted.event';

const topics = Object.keys(EVENT_DEFINITIONS) as EventTopic[];

/** class-validator alone, as consumers decoded before the plan: the reference verdict. */
async function reference(topic: EventTopic, raw: Record<string, unknown>): Promise<{ valid: boolean; payload: object }> {
  const payload = plainToInstance(EVENT_DEFINITIONS[topic].payloadClass(raw) as new () => object, raw);
  return { valid: (await validate(payload, { whitelist: true })).length === 0, payload };
}

/** Every field the sample's class declares, optional ones the sample leaves out included. */
function fieldsOf(topic: EventTopic, raw: Record<string, unknown>): string[] {
  const declared = getMetadataStorage().getTargetValidationMetadatas(EVENT_DEFINITIONS[topic].payloadClass(raw), '', false, false, undefined);
  return [...new Set([...Object.keys(raw), ...declared.map((m) => m.propertyName)])];
}

const rawSamples = topics.flatMap((topic) =>
  SAMPLES[topic].map(({ payload }) => ({ topic, raw: JSON.parse(JSON.stringify(payload)) as Record<string, unknown> })),
);

/** Values each field is set to in turn: wrong types, edge strings, and every sample's values. */
const candidateValues: unknown[] = [
  undefined, null, '', ' ', 0, -1, 1.5, 2 ** 53, true, false, {}, [], ['A'], 'x', 'x'.repeat(300), 'a\u0000b',
  '2026-12-01', '2026-02-30', '2026-12-01T00:00:00Z', '2026-12-01T25:00:00Z', '11/24/2026',
  '1234567893', '1234567890', '110000001', '110000001A', 'A', 'a', 'RI-2026-000001',
  '7c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b', 'someone@example.org', 'PHYSICIAN', 'ADDED', 'SUBMITTED',
  ...new Set(rawSamples.flatMap(({ raw }) => Object.values(raw))),
];

describe('decodeEventPayload', () => {
  it.each(rawSamples.map((s, i) => [`${s.topic} #${i}`, s] as const))('%s: gives the sample as class-validator does', async (_, { topic, raw }) => {
    const decoded = await decodeEventPayload(topic, raw);
    const expected = await reference(topic, raw);
    expect(expected.valid).toBe(true);
    expect(decoded).toEqual({ payload: expected.payload });
    expect((decoded as { payload: object }).payload).toBeInstanceOf(expected.payload.constructor);
  });

  it.each(topics)('%s: agrees with class-validator on every field set to every candidate value', async (topic) => {
    const disagreements: string[] = [];
    for (const { raw } of rawSamples.filter((s) => s.topic === topic)) {
      for (const field of [...fieldsOf(topic, raw), 'unknownField']) {
        for (const value of candidateValues) {
          const mutated = { ...raw, [field]: value };
          if (value === undefined) delete mutated[field];
          const decoded = await decodeEventPayload(topic, mutated);
          const expected = await reference(topic, mutated);
          if ('payload' in decoded !== expected.valid) disagreements.push(`${field} = ${JSON.stringify(value)}`);
          else if (expected.valid) expect(decoded).toEqual({ payload: expected.payload });
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('drops fields the class does not declare, as whitelist does', async () => {
    const raw = { ...rawSamples.find((s) => s.topic === 'practitioner.affiliated.v1')!.raw, middleName: 'M', __proto__x: 1 };
    const decoded = await decodeEventPayload('practitioner.affiliated.v1', raw);
    expect(Object.keys((decoded as { payload: object }).payload)).not.toContain('middleName');
  });

  it("names the problems in class-validator's words", async () => {
    const raw = { ...rawSamples.find((s) => s.topic === 'practitioner.affiliated.v1')!.raw, npi: '1234567890', effectiveDate: 'soon' };
    const decoded = await decodeEventPayload('practitioner.affiliated.v1', raw);
    expect(decoded).toEqual({ problems: [expect.stringContaining('npi'), expect.stringContaining('effectiveDate')] });
  });
});

describe('checkPlanOf', () => {
  it('plans the flat classes, among them the one a roster sends 100,000 of', () => {
    expect(checkPlanOf(PractitionerAffiliatedV1)).not.toBeNull();
    expect(checkPlanOf(LinkRequestSlaBreachedV1)).not.toBeNull();
  });

  it('leaves classes with nested validation to class-validator', () => {
    expect(checkPlanOf(RosterImportCompletedV1)).toBeNull();
    expect(checkPlanOf(GroupUpsertedV1)).toBeNull();
  });

  it('passes a valid payload by itself, without class-validator', () => {
    const plan = checkPlanOf(PractitionerAffiliatedV1)!;
    const raw = rawSamples.find((s) => s.topic === 'practitioner.affiliated.v1')!.raw;
    expect(plan.passes(plan.instantiate(raw))).toBe(true);
    expect(plan.passes(plan.instantiate({ ...raw, npi: '1234567890' }))).toBe(false);
  });
});
