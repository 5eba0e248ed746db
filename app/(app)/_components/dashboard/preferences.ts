import 'server-only';
import { cache } from 'react';
import { getDb } from '@/db';
import { readPreferences } from '@/lib/settings/preferences';

/** The owner's preferences, read once per request however many panels ask. */
export const loadPreferences = cache(async () => readPreferences(await getDb()));
