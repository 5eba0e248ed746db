/**
 * Runs once when a server instance starts (next start, next dev, a Vercel function instance).
 * The server itself applies migrations; the only other process that opens the embedded PGlite
 * folder is `npm start`'s demo seeding during a build, which ends before the server starts.
 * First of all it stamps every request with its socket's address (lib/http/peer-address.ts), which
 * the login limits and the setup code go by.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { installPeerAddressHook } = await import('./lib/http/peer-address');
  installPeerAddressHook();
  const { onServerStart } = await import('./lib/server-start');
  await onServerStart();
}
