import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

// GET /.well-known/appspecific/com.tesla.3p.public-key.pem – public: the app's EC public key
// (TESLA_PUBLIC_KEY), which Tesla fetches when the domain is registered. 404 while it is unset.
export function GET(): Response {
  const pem = env().TESLA_PUBLIC_KEY;
  if (!pem)
    return new Response('No public key configured (set TESLA_PUBLIC_KEY; see npm run tesla:setup).\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  return new Response(pem, { headers: { 'content-type': 'application/x-pem-file', 'cache-control': 'public, max-age=300' } });
}
