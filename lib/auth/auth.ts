import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/db';
import { env } from '@/lib/env';
import { HttpError } from '@/lib/http/errors';
import { clientAddress } from '@/lib/http/client-address';
import { checkOwnerLogin, currentCredentialsVersion } from './owner';

class RateLimitedSignin extends CredentialsSignin {
  override code = 'rate_limited';
}

const LoginInput = z.object({ password: z.string().min(1).max(1024) });

/**
 * Auth.js: one owner, password only (Credentials), JWT sessions signed with AUTH_SECRET. Each session
 * carries `cv`, the owner's credentials version at sign-in, which lib/auth/sessions.ts checks on
 * every request (a password change or "sign out everywhere" ends older sessions).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
  pages: { signIn: '/login' },
  logger: { error: () => {}, warn: () => {} }, // failed logins are expected; nothing here may echo input
  callbacks: {
    // Only a sign-in sets `cv` (never a client's session update).
    jwt: ({ token, user }) => (user ? { ...token, cv: (user as { cv?: number }).cv } : token),
    session: ({ session, token }) => ({ ...session, cv: token.cv }),
  },
  providers: [
    Credentials({
      credentials: { password: { label: 'Password', type: 'password' } },
      authorize: async (raw, request) => {
        const parsed = LoginInput.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const db = await getDb();
          const ok = await checkOwnerLogin(db, { password: parsed.data.password, client: clientAddress(request.headers) });
          return ok ? { id: 'owner', name: 'Owner', cv: await currentCredentialsVersion(db) } : null;
        } catch (err) {
          if (err instanceof HttpError && err.status === 429) throw new RateLimitedSignin();
          throw err;
        }
      },
    }),
  ],
}));
