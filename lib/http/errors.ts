import { ZodError } from 'zod';
import { pgErrorCode } from '@/db/client';
import { log } from '@/lib/log';

/** An error that carries its HTTP status and a stable machine-readable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return Response.json(body, { status });
}

/**
 * The only place that turns exceptions into HTTP responses: HttpError keeps its status,
 * ZodError becomes 422 with the failing fields, anything else a generic 500 (logged, never echoed).
 */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof HttpError) return errorResponse(err.status, err.code, err.message, err.details);
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return errorResponse(422, 'invalid_input', 'The request is not valid.', details);
  }
  // The database refused a value the app let through (e.g. a time zone this server does not know).
  if (pgErrorCode(err) === '22023' || pgErrorCode(err) === '22007' || pgErrorCode(err) === '22008') {
    return errorResponse(
      400,
      'invalid_query',
      'The database could not use a value of this request (a time zone or date it does not know).',
    );
  }
  log.error('Unhandled error in a route', err);
  return errorResponse(500, 'internal_error', 'Something went wrong on the server.');
}
