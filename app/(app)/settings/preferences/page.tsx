import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { readDriverRulesZone, readPreferences } from '@/lib/settings/preferences';
import { hasDriverRules } from '@/lib/sync/assign-drivers';
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
  const db = await getDb();
  const [prefs, rulesTimeZone, hasRules] = await Promise.all([readPreferences(db), readDriverRulesZone(db), hasDriverRules(db)]);
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
      <PreferencesForm value={prefs} ruleTexts={ruleTexts} rulesTimeZone={rulesTimeZone} hasRules={hasRules} />
    </Section>
  );
}
