import type { AccessTokenClaims } from '@/lib/fleet-api/schemas/auth';

/** Unsigned-looking JWT (header.payload.signature) with Tesla's claim set; the simulator checks
 * tokens by lookup, never by signature, so the signature is just deterministic noise. */
function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function encodeJwt(claims: AccessTokenClaims, signature: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'simulator' }));
  return `${header}.${base64url(JSON.stringify(claims))}.${base64url(signature)}`;
}
