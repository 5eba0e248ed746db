import { handlers } from '@/lib/auth/auth';

// GET|POST /api/auth/* – Auth.js (csrf, session, credentials sign-in, sign-out). Public by design.
export const { GET, POST } = handlers;
