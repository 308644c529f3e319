import { z } from 'zod';
import { InputError } from '../util/errors.js';
import { FieldProblem, readBoolean, readList, readOptionalString, shown } from './input-readers.js';

export { shown };

/** Runs a reader of input-readers.ts inside a zod transform: its problem becomes the issue. */
function reading<T>(ctx: z.RefinementCtx, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
}

export const booleanInput = (defaultValue: boolean) =>
  z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((value, ctx) => reading(ctx, () => readBoolean(value, defaultValue)));

export const enumInput = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string({ error: () => `required; expected one of ${values.join(', ')}` })
    .transform((value, ctx) => {
      if ((values as readonly string[]).includes(value)) return value as T[number];
      if (value.trim() === '') {
        ctx.addIssue({ code: 'custom', message: `required; expected one of ${values.join(', ')}` });
        return z.NEVER;
      }
      ctx.addIssue({
        code: 'custom',
        message: `expected one of ${values.join(', ')}; got ${shown(value)}`,
      });
      return z.NEVER;
    });

/** An optional string input: GitHub passes unset inputs as '', so '' means absent. */
export const optionalString = z.string().optional().transform(readOptionalString);

/** A multi-line input's entries (see readList); the CLI passes arrays. */
export const listInput = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(readList);

/**
 * Splits a command-line fragment into words the way a POSIX shell would quote them (single and
 * double quotes, backslash escapes) but with no expansion of any kind: the words go to Nix as
 * an argument array, never through a shell.
 */
export function splitWords(text: string): string[] | { error: string } {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) {
        current += text[i + 1];
        i += 1;
      } else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < text.length) {
      current += text[i + 1];
      i += 1;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return { error: `unterminated ${quote} quote` };
  if (inWord) words.push(current);
  return words;
}

/**
 * Parses raw values with a schema and turns the first problem into one InputError line that
 * names the input as the user knows it.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  labelOf: (field: string) => string,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new InputError('invalid input');
  const field = issue.path.length > 0 ? String(issue.path[0]) : '';
  const label = field ? labelOf(field) : 'inputs';
  throw new InputError(`${label}: ${issue.message}`, { cause: result.error });
}
