import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Simulator } from './simulator';

/**
 * Plain-HTTP adapter: serves a simulator on host:port so the app can use it as its Fleet API (and
 * auth) base URL. Requests arrive for a local host, so no region check (421) applies.
 */
async function toRequest(msg: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of msg) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(msg.headers)) if (typeof v === 'string') headers.set(k, v);
  const body = chunks.length > 0 && msg.method !== 'GET' && msg.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(msg.url ?? '/', origin), { method: msg.method ?? 'GET', headers, body });
}

export function serveSimulator(sim: Simulator, opts: { host: string; port: number }): Promise<Server> {
  const origin = `http://${opts.host}:${opts.port}`;
  const server = createServer((msg, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort(new Error('client closed request')));
    toRequest(msg, origin)
      .then((req) => sim.handle(req, abort.signal))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ response: null, error: String(err), error_description: '' }));
        }
      });
  });
  return new Promise((resolve) => server.listen(opts.port, opts.host, () => resolve(server)));
}
