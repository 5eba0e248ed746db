import { ZodError } from 'zod';
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
  log.error('Unhandled error in a route', err);
  return errorResponse(500, 'internal_error', 'Something went wrong on the server.');
}
