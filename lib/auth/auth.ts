import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/db';
import { env } from '@/lib/env';
import { HttpError } from '@/lib/http/errors';
import { clientAddress } from '@/lib/http/client-address';
import { checkOwnerLogin } from './owner';

class RateLimitedSignin extends CredentialsSignin {
  override code = 'rate_limited';
}

const LoginInput = z.object({ password: z.string().min(1).max(1024) });

/** Auth.js: one owner, password only (Credentials), JWT sessions signed with AUTH_SECRET. */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
  pages: { signIn: '/login' },
  logger: { error: () => {}, warn: () => {} }, // failed logins are expected; nothing here may echo input
  providers: [
    Credentials({
      credentials: { password: { label: 'Password', type: 'password' } },
      authorize: async (raw, request) => {
        const parsed = LoginInput.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const ok = await checkOwnerLogin(await getDb(), { password: parsed.data.password, client: clientAddress(request.headers) });
          return ok ? { id: 'owner', name: 'Owner' } : null;
        } catch (err) {
          if (err instanceof HttpError && err.status === 429) throw new RateLimitedSignin();
          throw err;
        }
      },
    }),
  ],
}));
