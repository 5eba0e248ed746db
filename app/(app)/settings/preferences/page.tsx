import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { readPreferences } from '@/lib/settings/preferences';
import { ATTRIBUTION_RULES, describeRule } from '@/lib/stats';
import { PreferencesForm } from '../_components/preferences-form';
import { requireOwner } from '@/lib/auth/require-owner';
import { SectionSkeleton } from '../_components/form-ui';
import { Section } from '../_components/section';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Units and preferences · Settings' };

/** Settings → Units and preferences. */
export default async function Page() {
  await requireOwner();
  return (
    <Suspense fallback={<SectionSkeleton label="preferences" rows={5} />}>
      <PreferencesSection />
    </Suspense>
  );
}

async function PreferencesSection() {
  const prefs = await readPreferences(await getDb());
  const ruleTexts = Object.fromEntries(ATTRIBUTION_RULES.map((r) => [r, describeRule(r, null)])) as Record<
    (typeof ATTRIBUTION_RULES)[number],
    string
  >;
  return (
    <Section
      id="prefs-title"
      title="Units and preferences"
      intro="Data is stored metric; these change only what the pages show, and which rules and budget apply."
    >
      <PreferencesForm value={prefs} ruleTexts={ruleTexts} />
    </Section>
  );
}
