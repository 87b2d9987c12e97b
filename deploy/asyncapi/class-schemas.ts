import 'reflect-metadata';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { NPI_PATTERN } from '@rosterlink/contracts';

// class-transformer keeps @Type() in a storage its public entry does not export.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerStorage };

export type JsonSchema = { [keyword: string]: unknown };
type ClassType = abstract new (...args: never[]) => unknown;

/** Where a schema of this set is referenced from: AsyncAPI's components. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/**
 * JSON Schemas (AsyncAPI Schema Object, a JSON Schema draft-07 superset) of class-validator classes,
 * read from class-validator's own metadata, the same the consumers validate with
 * (`validate(payload, { whitelist: true })` in libs/messaging): the catalog cannot say something the
 * consumer does not check.
 *
 * It never reads TypeScript's `design:type` metadata (esbuild under tsx does not emit it, SWC under Jest
 * does): the output is the same wherever it runs. A decorator it does not know fails the generation
 * rather than being left out: teach it `VALIDATORS` below.
 *
 * Semantics: unknown fields are ignored by consumers (whitelist), so no `additionalProperties: false`;
 * `@IsOptional()` fields are not `required`; a `@ValidateIf()` condition is probed with `null` and with
 * an absent value: when it skips `null` the field is nullable, when it skips absence the field is optional.
 */
export class ClassSchemas {
  /** By class name, in the order the classes were first referenced. */
  readonly schemas = new Map<string, JsonSchema>();
  private readonly classes = new Map<string, ClassType>();

  constructor(
    /** JSDoc of classes and their properties, by class name (see `readContractDocs`). */
    private readonly docs: ReadonlyMap<string, ClassDoc> = new Map(),
  ) {}

  /** A `$ref` to the schema of `cls`, generated (with every class it nests) on first use. */
  refTo(cls: ClassType): JsonSchema {
    const known = this.classes.get(cls.name);
    if (known && known !== cls) throw new Error(`Two payload classes are named ${cls.name}: the catalog names schemas by class`);
    if (!known) {
      this.classes.set(cls.name, cls);
      this.schemas.set(cls.name, {}); // reserved first: a class may nest itself
      this.schemas.set(cls.name, this.schemaOf(cls));
    }
    return { $ref: `${SCHEMA_REF_PREFIX}${cls.name}` };
  }

  /** The schema of one property of `cls` (as in its class schema), e.g. for a message key. */
  propertySchema(cls: ClassType, property: string): JsonSchema {
    this.refTo(cls);
    const schema = (this.schemas.get(cls.name)?.['properties'] as Record<string, JsonSchema>)[property];
    if (!schema) throw new Error(`${cls.name} has no validated property '${property}'`);
    return schema;
  }

  private schemaOf(cls: ClassType): JsonSchema {
    const metadatas = getMetadataStorage().getTargetValidationMetadatas(cls as unknown as new () => object, '', false, false);
    if (metadatas.length === 0) throw new Error(`${cls.name} has no class-validator decorators`);
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const meta of metadatas) byProperty.set(meta.propertyName, [...(byProperty.get(meta.propertyName) ?? []), meta]);

    const doc = this.docs.get(cls.name);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [property, metas] of byProperty) {
      const { schema, optional } = this.propertyOf(cls, property, metas);
      const description = doc?.properties.get(property);
      properties[property] = description ? withDescription(schema, description) : schema;
      if (!optional) required.push(property);
    }
    return {
      type: 'object',
      ...(doc?.description ? { description: doc.description } : {}),
      properties,
      ...(required.length > 0 ? { required } : {}),
    };
  }

  private propertyOf(cls: ClassType, property: string, metas: ValidationMetadata[]): { schema: JsonSchema; optional: boolean } {
    const where = `${cls.name}.${property}`;
    let optional = false;
    let nullable = false;
    let value: JsonSchema = {};
    let items: JsonSchema | undefined;
    const add = (fragment: JsonSchema, each: boolean) => {
      if (each) items = merge(items ?? {}, fragment, where);
      else value = merge(value, fragment, where);
    };
    for (const meta of metas) {
      if (meta.validateIf) throw new Error(`${where}: a per-validator validateIf is not described by the catalog`);
      if (meta.groups?.length) throw new Error(`${where}: validation groups are not described by the catalog`);
      switch (meta.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION: {
          if (meta.name === 'isOptional') {
            optional = true;
            break;
          }
          const condition = meta.constraints[0] as (object: object, value: unknown) => boolean;
          if (!condition({ [property]: null }, null)) nullable = true;
          if (!condition({}, undefined)) optional = true;
          break;
        }
        case ValidationTypes.NESTED_VALIDATION: {
          const type = defaultMetadataStorage.findTypeMetadata(cls as unknown as () => void, property);
          if (!type) throw new Error(`${where}: @ValidateNested() needs @Type(() => Class) for the catalog`);
          const nested = type.typeFunction() as ClassType;
          add(this.refTo(nested), meta.each);
          break;
        }
        case ValidationTypes.IS_DEFINED:
          break;
        case ValidationTypes.CUSTOM_VALIDATION: {
          const describe = meta.name ? VALIDATORS[meta.name] : undefined;
          if (!describe) throw new Error(`${where}: no JSON Schema for validator '${meta.name ?? meta.constraintCls?.name}' (add it to VALIDATORS in deploy/asyncapi/class-schemas.ts)`);
          add(describe(meta.constraints ?? [], where), meta.each);
          break;
        }
        default:
          throw new Error(`${where}: validation type '${meta.type}' is not described by the catalog`);
      }
    }
    if (items) value = merge(value, { type: 'array', items }, where);
    // @IsObject() beside a nested class says no more than the class's schema.
    if ('$ref' in value && value['type'] === 'object') delete value['type'];
    const schema = nullable ? { oneOf: [value, { type: 'null' }] } : value;
    return { schema, optional };
  }
}

/** One class-validator decorator (by its metadata name) as JSON Schema keywords. */
const VALIDATORS: Record<string, (constraints: unknown[], where: string) => JsonSchema> = {
  isString: () => ({ type: 'string' }),
  isBoolean: () => ({ type: 'boolean' }),
  isInt: () => ({ type: 'integer' }),
  isObject: () => ({ type: 'object' }),
  isArray: () => ({ type: 'array' }),
  isUuid: () => ({ type: 'string', format: 'uuid' }),
  isEmail: () => ({ type: 'string', format: 'email' }),
  // Producers write Date#toISOString(); consumers accept any valid ISO 8601 date or date-time.
  isIso8601: () => ({ type: 'string', format: 'date-time' }),
  min: ([min]) => ({ minimum: min }),
  max: ([max]) => ({ maximum: max }),
  arrayMinSize: ([min]) => ({ minItems: min }),
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  isLength: ([min, max]) => ({ type: 'string', minLength: min, ...(max === undefined ? {} : { maxLength: max }) }),
  isIn: ([values], where) => {
    const list = values as unknown[];
    const types = [...new Set(list.map((v) => typeof v))];
    if (types.length !== 1 || !['string', 'number', 'boolean'].includes(types[0])) throw new Error(`${where}: @IsIn of mixed or non-scalar values`);
    return { type: types[0], enum: [...list] };
  },
  matches: ([pattern, modifiers], where) => {
    const regex = typeof pattern === 'string' ? new RegExp(pattern, modifiers as string | undefined) : (pattern as RegExp);
    if (regex.flags.replace(/[gu]/g, '') !== '') throw new Error(`${where}: a @Matches flag (/${regex.flags}) has no JSON Schema pattern equivalent`);
    return { type: 'string', pattern: regex.source };
  },
  // libs/contracts/src/validators.ts: 10 digits whose last is the Luhn check digit.
  isNpi: () => ({ type: 'string', pattern: NPI_PATTERN.source, description: 'An NPI: 10 digits, the last the Luhn check digit (prefix 80840).' }),
};

function merge(into: JsonSchema, fragment: JsonSchema, where: string): JsonSchema {
  const merged: JsonSchema = { ...into };
  for (const [keyword, value] of Object.entries(fragment)) {
    if (keyword === 'description') {
      merged['description'] = merged['description'] ? `${String(merged['description'])} ${String(value)}` : value;
    } else if (keyword in merged && JSON.stringify(merged[keyword]) !== JSON.stringify(value)) {
      throw new Error(`${where}: conflicting '${keyword}' (${JSON.stringify(merged[keyword])} and ${JSON.stringify(value)})`);
    } else {
      merged[keyword] = value;
    }
  }
  return merged;
}

/** A description beside a `$ref` is ignored by draft-07 tools: wrap the reference. */
export function withDescription(schema: JsonSchema, description: string): JsonSchema {
  if ('$ref' in schema) return { description, allOf: [schema] };
  const own = schema['description'];
  return { ...schema, description: own ? `${description} ${String(own)}` : description };
}

export interface ClassDoc {
  description?: string;
  /** Set when the class's comment is the description of a topic (see readContractDocs). */
  topic?: string;
  properties: Map<string, string>;
}
