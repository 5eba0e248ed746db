import { describe, expect, it } from 'vitest';
import { HttpError, toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import { z } from 'zod';

const post = (body: BodyInit | null, type = 'application/json', extra: Record<string, string> = {}) =>
  new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': type, ...extra } });

async function statusOf(p: Promise<unknown>) {
  try {
    await p;
    return 0;
  } catch (err) {
    return err instanceof HttpError ? err.status : -1;
  }
}

describe('readJson', () => {
  it('parses JSON and refuses wrong type (415), bad JSON (400), empty (400) and oversize bodies (413)', async () => {
    expect(await readJson(post('{"a":[1,2]}'))).toEqual({ a: [1, 2] });
    expect(await statusOf(readJson(post('{"a":1}', 'text/plain')))).toBe(415);
    expect(await statusOf(readJson(post('{"a":')))).toBe(400);
    expect(await statusOf(readJson(post('')))).toBe(400);
    expect(await statusOf(readJson(post(JSON.stringify({ s: 'x'.repeat(70_000) }))))).toBe(413);
    // A lying Content-Length does not help: the limit is counted while reading.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 100; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        c.close();
      },
    });
    const lying = new Request('http://localhost/x', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(await statusOf(readJson(lying, 10_000))).toBe(413);
  });
});

describe('toErrorResponse', () => {
  it('maps HttpError to its status, ZodError to 422 with fields, anything else to a bare 500', async () => {
    const http = toErrorResponse(new HttpError(404, 'not_found', 'No such thing.'));
    expect(http.status).toBe(404);
    expect(await http.json()).toEqual({ error: { code: 'not_found', message: 'No such thing.' } });

    const zod = toErrorResponse(z.object({ n: z.number() }).safeParse({ n: 'x' }).error);
    expect(zod.status).toBe(422);
    expect((await zod.json()).error.details[0].path).toBe('n');

    const unknownZone = toErrorResponse(Object.assign(new Error('Failed query'), { cause: { code: '22023' } }));
    expect(unknownZone.status).toBe(400);
    expect((await unknownZone.json()).error.code).toBe('invalid_query');

    const boom = toErrorResponse(new Error('refresh_token=NA_secret leaked into a message'));
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain('NA_secret');
  });
});
