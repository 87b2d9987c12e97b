import { BadRequestException } from '@nestjs/common';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { parseDay } from '@rosterlink/business-calendar';
import type { ErrorDetail } from './http-errors';

/**
 * Limits every request meets before a DTO sees it. They answer the hostile-input classes once,
 * here, instead of endpoint by endpoint: oversized bodies, deep nesting, prototype keys, NUL
 * characters, unbounded integers and impossible calendar dates.
 */

/** Largest JSON body a service parses (bytes); larger ones are 413. No endpoint needs more. */
export const DEFAULT_JSON_BODY_LIMIT_BYTES = 100 * 1024;

/** Deepest nesting of objects and arrays in a request value; every DTO is far shallower. */
export const MAX_REQUEST_DEPTH = 16;

/** Largest `offset` a list takes: far past any list, and a safe integer for PostgreSQL. */
export const MAX_LIST_OFFSET = 1_000_000_000;

/**
 * Keys that no DTO declares and that JavaScript treats specially. Nest's ValidationPipe strips
 * `__proto__` and `constructor` silently before `forbidNonWhitelisted` can see them; they are
 * refused here like any other unknown field.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Problems with a request value (a JSON body, a query, multipart fields) that no DTO rule can
 * see: nesting deeper than MAX_REQUEST_DEPTH, prototype keys, and NUL characters (PostgreSQL
 * cannot store them, and no field of the contract has one). Iterative, so a 10,000-level body
 * cannot overflow the stack. An empty list means the value may go on to its DTO.
 */
export function requestValueProblems(value: unknown, root: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  for (let next = pending.pop(); next && problems.length < 10; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (next.value.includes('\u0000')) problems.push({ field: next.path, message: 'must not contain a NUL character' });
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_REQUEST_DEPTH) {
      problems.push({ field: next.path, message: `is nested more than ${MAX_REQUEST_DEPTH} levels deep` });
      continue;
    }
    for (const key of Object.keys(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) problems.push({ field: path, message: `property ${key} should not exist` });
      else if (key.includes('\u0000')) problems.push({ field: JSON.stringify(path), message: 'must not contain a NUL character' });
      else pending.push({ value: (next.value as Record<string, unknown>)[key], path, depth: next.depth + 1 });
    }
  }
  return problems;
}

/** Throws the contract's 400 when `requestValueProblems` finds anything. */
export function refuseHostileValue(value: unknown, root = ''): void {
  const details = requestValueProblems(value, root);
  if (details.length > 0) throw new BadRequestException({ message: 'The request is not valid', details });
}

/**
 * A real calendar date written `YYYY-MM-DD`: `2026-02-30` and `2026-13-01` are refused here, with
 * "is not a valid date", before any rule about the date (such as "not before today") is asked.
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => {
          try {
            parseDay(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (args) => `${args?.property ?? 'date'} is not a valid date: use a real calendar date, YYYY-MM-DD`,
      },
    },
    options,
  );
}
