import { HypernixError } from '../../util/errors.js';
import type { HttpResponse } from '../http/transport.js';

/** A registry answered something other than what the distribution spec promises. */
export class RegistryError extends HypernixError {
  override name = 'RegistryError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The registry refused the credentials (or their absence) for a scope. */
export class RegistryAuthError extends RegistryError {
  override name = 'RegistryAuthError';
}

/** What the registry said in its JSON error body ({"errors":[{"code","message"}]}), briefly. */
export async function registryErrorDetail(response: HttpResponse): Promise<string> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return '';
  }
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const first = body.errors?.[0];
    if (first) return [first.code, first.message].filter(Boolean).join(': ');
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 160);
}
