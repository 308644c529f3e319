/**
 * How raw input values are read, without zod: the push configuration reads its inputs with these
 * directly (a push from the command line does not pay for loading zod), and the zod helpers in
 * parse-helpers.ts wrap the same functions, so a value means the same everywhere.
 */

/** A value that cannot be read; the caller puts the input's name in front of the message. */
export class FieldProblem extends Error {
  override name = 'FieldProblem';
}

/** YAML 1.2 core booleans, as GitHub documents for boolean inputs. */
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

/** Quotes a received value for an error message, shortened so one line stays one line. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(short);
}

/** A boolean input: a boolean (the CLI), a YAML boolean word, or '' / absent for the default. */
export function readBoolean(value: boolean | string | undefined, defaultValue: boolean): boolean {
  if (value === undefined || value === '') return defaultValue;
  if (typeof value === 'boolean') return value;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new FieldProblem(`expected true or false; got ${shown(value)}`);
}

/** An optional string input: GitHub passes unset inputs as '', so '' means absent. */
export function readOptionalString(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Splits a multi-line input into entries: one per line, blank lines and `#` comments dropped.
 * The CLI passes arrays, which are taken as they are.
 */
export function readList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : value.split(/\r?\n/);
  return items.map((item) => item.trim()).filter((item) => item !== '' && !item.startsWith('#'));
}

/** An enum input that may be left empty ('' or absent means undefined: the caller's default). */
export function readOptionalEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  value: string | undefined,
): T[number] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if ((values as readonly string[]).includes(value)) return value as T[number];
  throw new FieldProblem(`expected one of ${values.join(', ')}; got ${shown(value)}`);
}

/** An optional whole number within bounds. */
export function readOptionalInteger(
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  const text = readOptionalString(value);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new FieldProblem(`expected a whole number from ${min} to ${max}; got ${shown(text)}`);
  }
  return number;
}
