import type { EntityMetadata, EntityProperty } from '@mikro-orm/core';
import { DomainError, isUuid, unfitText } from '@parcours/core';

/** A page cursor this API did not give, or not for this list. */
export class InvalidCursorError extends DomainError {
  constructor() {
    super('INVALID_CURSOR', 'This cursor was not given by this list: start again from the first page.', ['after']);
  }
}

const BASE64URL = /^[A-Za-z0-9_-]{1,2000}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Checks, before any query, that a cursor is what MikroORM writes for this ordering: a base64url
 * JSON array with one value per ordered property, each of that property's type.
 */
export function checkCursor(meta: EntityMetadata, orderBy: object, after: string): void {
  const keys = Object.keys(orderBy);
  let values: unknown;
  try {
    values = BASE64URL.test(after) ? JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) : undefined;
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== keys.length) throw new InvalidCursorError();
  keys.forEach((key, index) => {
    if (!fits(meta.properties[key as never], values[index])) throw new InvalidCursorError();
  });
}

function fits(property: EntityProperty | undefined, value: unknown): boolean {
  if (property?.type === 'uuid') return typeof value === 'string' && isUuid(value);
  if (property?.runtimeType === 'Date') return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
  if (property?.runtimeType === 'number') return Number.isSafeInteger(value);
  // The ordered columns hold single-line text: no control character at all, tab and line breaks included.
  return typeof value === 'string' && value.length <= 500 && unfitText(value) === null && !/[\t\n\r]/.test(value);
}
