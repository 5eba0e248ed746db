import { isIP } from 'node:net';
import { env } from '@/lib/env';
import { peerOf } from './peer-address';

/**
 * Who is asking, for the login limits and the setup code. Never a value the client chooses:
 * - on Vercel: Vercel's own `x-vercel-forwarded-for` (Vercel overwrites what a client sends);
 * - elsewhere: the socket's address (lib/http/peer-address.ts), or, behind `hops` trusted reverse
 *   proxies that each append to X-Forwarded-For, the entry `hops` places from the right of
 *   X-Forwarded-For + socket address (what the outermost trusted proxy saw).
 * 'unknown' when there is no trustworthy address; IPv4-mapped IPv6 addresses become IPv4.
 */
export type AddressOptions = { hops: number; vercel: boolean };

function defaults(): AddressOptions {
  const e = env();
  return { hops: e.TRUSTED_PROXY_HOPS, vercel: Boolean(e.VERCEL) };
}

/** A bare IP address (port, brackets and IPv4-mapping removed), or undefined when it is none. */
export function normalizeAddress(raw: string | undefined | null): string | undefined {
  let a = (raw ?? '').trim();
  if (a.startsWith('[')) a = a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined);
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a)) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : undefined;
}

export function clientAddress(headers: Headers, opts: AddressOptions = defaults()): string {
  if (opts.vercel) {
    const vercel = headers.get('x-vercel-forwarded-for') ?? headers.get('x-real-ip');
    return normalizeAddress(vercel?.split(',')[0]) ?? 'unknown';
  }
  const peer = normalizeAddress(peerOf(headers)?.address);
  if (!peer) return 'unknown';
  if (opts.hops === 0) return peer;
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  // Fewer entries than trusted hops: the request skipped a proxy; the leftmost is the best there is.
  return normalizeAddress(chain[Math.max(0, chain.length - 1 - opts.hops)]) ?? 'unknown';
}

const isLoopback = (a: string) => a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);

/**
 * True for a request from this machine's own browser: the socket is loopback and nothing forwarded
 * it (a reverse proxy on the same machine adds X-Forwarded-For, so its visitors are not local). Never on Vercel.
 */
export function isLocalRequest(headers: Headers, opts: AddressOptions = defaults()): boolean {
  if (opts.vercel) return false;
  const peer = peerOf(headers);
  const address = normalizeAddress(peer?.address);
  return Boolean(peer && address && !peer.forwarded && isLoopback(address));
}

/**
 * The key login limits count under: the address itself for IPv4, the /64 network for IPv6 (one
 * household or server holds a whole /64, so counting single IPv6 addresses would limit nothing).
 */
export function limitKey(address: string): string {
  if (isIP(address) !== 6) return address.slice(0, 64);
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}
