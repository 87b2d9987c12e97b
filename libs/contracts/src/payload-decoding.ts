import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validate, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { EVENT_DEFINITIONS, EventPayloads, EventTopic } from './topics';

/** A consumed payload as its contract class, or why it is not one. */
export type DecodedPayload<T> = { payload: T } | { problems: string[] };

/**
 * A consumed event's JSON object as its contract class (the one `EVENT_DEFINITIONS` picks),
 * validated as class-validator validates it with `whitelist: true`: fields the class does not
 * declare are dropped, not refused (producers may add fields to a version).
 *
 * Consumers decode every message, 100,000 for one roster, and class-validator spends ~40 µs on
 * each (metadata lookups and error objects for every property, valid or not). So a flat class
 * (see `checkPlanOf`) is first checked by a plan made once from class-validator's own metadata,
 * calling the same constraint functions; only a payload the plan does not pass, and any class it
 * cannot plan, goes through class-validator itself. Verdicts and messages stay class-validator's.
 */
export async function decodeEventPayload<T extends EventTopic>(topic: T, raw: Record<string, unknown>): Promise<DecodedPayload<EventPayloads[T]>> {
  const cls = EVENT_DEFINITIONS[topic].payloadClass(raw);
  const plan = checkPlanOf(cls);
  if (plan) {
    const payload = plan.instantiate(raw);
    if (plan.passes(payload)) return { payload };
  }
  const payload = plainToInstance(cls, raw);
  const errors = await validate(payload as object, { whitelist: true });
  if (errors.length === 0) return { payload };
  return { problems: errors.flatMap((e) => Object.values(e.constraints ?? { [e.property]: 'is invalid' })) };
}

/** What class-validator would check on a flat class, property by property, made once per class. */
interface CheckPlan<T> {
  /** The class with the declared properties of `raw` (what plainToInstance + whitelist leave). */
  instantiate(raw: Record<string, unknown>): T;
  /** True when every constraint holds; false when one fails or answers asynchronously. */
  passes(payload: T): boolean;
}

interface PropertyChecks {
  property: string;
  /** @ValidateIf / @IsOptional: when one is false, nothing else of the property is checked. */
  conditions: ((object: object, value: unknown) => boolean)[];
  /** @IsDefined first, then the property's other constraints, in class-validator's order. */
  constraints: { metadata: ValidationMetadata; validate: (value: unknown, args: ValidationArguments) => unknown }[];
}

const plans = new Map<ClassConstructor<unknown>, CheckPlan<unknown> | null>();

/**
 * The plan of `cls`, or null when class-validator's metadata has anything the plan does not
 * mirror exactly (nested validation, `each`, promise validation, no metadata at all): such a
 * class is always validated by class-validator. The metadata are read as `validate(payload,
 * { whitelist: true })` reads them (no groups, `always` off).
 */
export function checkPlanOf<T>(cls: ClassConstructor<T>): CheckPlan<T> | null {
  if (!plans.has(cls)) plans.set(cls, makePlan(cls));
  return plans.get(cls) as CheckPlan<T> | null;
}

const PLANNED_TYPES: ReadonlySet<string> = new Set([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

function makePlan<T>(cls: ClassConstructor<T>): CheckPlan<T> | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  if (metadatas.length === 0 || metadatas.some((m) => !PLANNED_TYPES.has(m.type) || m.each)) return null;
  const byProperty = storage.groupByPropertyName(metadatas);
  const properties: PropertyChecks[] = Object.entries(byProperty).map(([property, own]) => {
    const checks = (type: string) =>
      own
        .filter((m) => m.type === type)
        .flatMap((metadata) =>
          storage.getTargetValidatorConstraints(metadata.constraintCls).map(({ instance }) => ({
            metadata,
            validate: (value: unknown, args: ValidationArguments) => instance.validate(value, args),
          })),
        );
    return {
      property,
      conditions: own.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.constraints[0]),
      constraints: [...checks(ValidationTypes.IS_DEFINED), ...checks(ValidationTypes.CUSTOM_VALIDATION)],
    };
  });
  const names = properties.map((p) => p.property);
  return {
    instantiate(raw) {
      const payload = new cls() as Record<string, unknown>;
      for (const name of names) if (Object.hasOwn(raw, name)) payload[name] = raw[name];
      return payload as T;
    },
    passes(payload) {
      const object = payload as Record<string, unknown>;
      for (const { property, conditions, constraints } of properties) {
        const value = object[property];
        if (!conditions.every((condition) => condition(object, value))) continue;
        for (const { metadata, validate } of constraints) {
          if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
          const args = { targetName: cls.name, property, object, value, constraints: metadata.constraints };
          const valid = validate(value, args);
          if (!valid || typeof (valid as Promise<unknown>).then === 'function') return false;
        }
      }
      return true;
    },
  };
}
