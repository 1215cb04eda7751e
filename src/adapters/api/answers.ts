import { ProbeFailure } from '../../core/probe.ts';
import type { HttpAnswer } from './http.ts';

/** A read stops after this many throttled answers in a row, or once the waits would pass `totalMs`. */
export const RETRY_BUDGET = { attempts: 5, totalMs: 60_000 } as const;
export type RetryBudget = { attempts: number; totalMs: number };

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Sends until the answer is neither 429 nor 503, waiting as Retry-After says (or backing off when
 * it is absent), within the budget. The last throttled answer is returned when the budget is spent.
 */
export async function withRetries(send: () => Promise<HttpAnswer>, budget: RetryBudget = RETRY_BUDGET, sleep = delay): Promise<HttpAnswer> {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    if (answer.status !== 429 && answer.status !== 503) return answer;
    const wait = retryAfterMs(answer.headers['retry-after']) ?? Math.min(1000 * 2 ** attempt, 30_000);
    if (attempt >= budget.attempts || waited + wait > budget.totalMs) return answer;
    await sleep(wait);
    waited += wait;
  }
}

/**
 * The raw facts of a refused request for the classifier: the status, the error code and, from
 * Entra ID, the AADSTS numbers. Token endpoints answer `{ error, error_description, error_codes }`;
 * Graph `{ error: { code, message } }`; Google's APIs `{ error: { code, message, status } }`.
 */
export function apiFailure(answer: HttpAnswer, what: string): ProbeFailure {
  const body = (answer.body ?? {}) as { error?: unknown; error_description?: unknown; error_codes?: unknown };
  let apiError: string | undefined;
  let description: string | undefined;
  let aadsts: number[] | undefined;
  if (typeof body.error === 'string') {
    apiError = body.error;
    description = typeof body.error_description === 'string' ? body.error_description : undefined;
    aadsts = Array.isArray(body.error_codes) ? body.error_codes.filter((c): c is number => typeof c === 'number') : undefined;
  } else if (body.error && typeof body.error === 'object') {
    const e = body.error as { code?: unknown; message?: unknown; status?: unknown };
    apiError = typeof e.code === 'string' ? e.code : typeof e.status === 'string' ? e.status : undefined;
    description = typeof e.message === 'string' ? e.message : undefined;
  }
  aadsts ??= [...(description ?? '').matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
  const retry = answer.status === 429 || answer.status === 503 ? ` (Retry-After: ${String(answer.headers['retry-after'] ?? 'none')})` : '';
  const diagnostic = `HTTP ${answer.status}${apiError ? ` ${apiError}` : ''}${description ? `: ${description}` : ''}${retry}`;
  return new ProbeFailure({ httpStatus: answer.status, ...(apiError && { apiError }), ...(aadsts.length > 0 && { aadsts }), diagnostic, message: `${what}: ${diagnostic}` });
}

export const isOk = (answer: HttpAnswer) => answer.status >= 200 && answer.status < 300;
