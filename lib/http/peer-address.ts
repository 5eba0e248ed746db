import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

/**
 * The socket's remote address, as the app's request handlers can see it. Next.js hands route
 * handlers and server actions headers only, and fills `X-Forwarded-For` with the socket address
 * only when the client sent none, so a client could always choose its own address. This hook
 * (installed once per server process, from instrumentation.ts) stamps every incoming request with
 * the socket's address under a header the client cannot forge: the stamp carries a random
 * per-process nonce, and the hook overwrites whatever a client sent under that name. A request
 * without a valid stamp (on Vercel, or in the first moments before the hook was installed) has no
 * peer address.
 */
export const PEER_HEADER = 'x-tessie-peer';
const FORWARDING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

type PeerState = { nonce: string; installed?: boolean };
const g = globalThis as typeof globalThis & { __tessiePeer?: PeerState };

/** What the stamp says: the socket's address and whether the request arrived with forwarding headers. */
export type Peer = { address: string; forwarded: boolean };

function stampValue(state: PeerState, address: string, forwarded: boolean): string {
  return `${state.nonce} ${forwarded ? 'fwd' : 'direct'} ${address}`;
}

/** Installs the hook on this process's HTTP(S) servers (idempotent). */
export function installPeerAddressHook(): void {
  const state: PeerState = (g.__tessiePeer ??= { nonce: randomBytes(16).toString('hex') });
  if (state.installed) return;
  state.installed = true;
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
      if (event === 'request') {
        const req = args[0] as http.IncomingMessage;
        const forwarded = FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
        req.headers[PEER_HEADER] = stampValue(state, req.socket?.remoteAddress ?? '', forwarded);
      }
      return emit.call(this, event, ...args);
    };
  }
}

/** The stamped peer of a request, or undefined when it carries no valid stamp. */
export function peerOf(headers: Headers): Peer | undefined {
  const state = g.__tessiePeer;
  const value = headers.get(PEER_HEADER);
  if (!state || !value) return undefined;
  const [nonce, kind, address] = value.split(' ');
  if (nonce !== state.nonce || !address) return undefined;
  return { address, forwarded: kind === 'fwd' };
}

/**
 * Tests: the headers of a request as the hook would have stamped them (the hook's nonce is made
 * when the first stamp is asked for, without patching any server).
 */
export function stampPeerForTests(headers: Record<string, string>, address: string): Record<string, string> {
  g.__tessiePeer ??= { nonce: randomBytes(16).toString('hex') };
  const forwarded = FORWARDING_HEADERS.some((h) => Object.keys(headers).some((k) => k.toLowerCase() === h));
  return { ...headers, [PEER_HEADER]: stampValue(g.__tessiePeer, address, forwarded) };
}
