import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidNpi } from './identifiers';

/** An NPI: 10 digits whose last is the Luhn check digit of CONTRACT.md. */
export function IsNpi(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNpi',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a 10-digit NPI with a valid check digit`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidNpi(value) },
    });
}
