import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../core/errors.ts';

/** Exhaustive: a new error code does not compile until every face maps it. */
export function httpStatus(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'validation':
      return 400;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'failed_precondition':
      return 409;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}
