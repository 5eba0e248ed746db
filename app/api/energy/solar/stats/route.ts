import { z } from 'zod';
import { getDb } from '@/db';
import { chargingSolarTotals } from '@/db/queries/charging';
import { energyTotals } from '@/db/queries/energy';
import { resolveDateRange } from '@/lib/api/dates';
import { energyTotalsJson } from '@/lib/api/energy-json';
import { siteOr404 } from '@/lib/api/lookup';
import { parseQuery } from '@/lib/api/query';
import { withAuth } from '@/lib/http/handler';
import { knownZone } from '@/lib/time';

export const dynamic = 'force-dynamic';

const Query = z.object({ site: z.string().optional(), from: z.string().optional(), to: z.string().optional() }).strict();

// GET /api/energy/solar/stats – solar produced, self-consumed, exported, into the cars, over local dates from..to.
export const GET = withAuth(async ({ req }) => {
  const q = parseQuery(req, Query);
  const db = await getDb();
  const site = q.site === undefined ? undefined : await siteOr404(db, q.site);
  const timeZone = knownZone(site?.timeZone);
  const range = resolveDateRange(q, { timeZone, defaultDays: 365, maxDays: 18300, what: 'solar statistics' });
  const [totals, cars] = await Promise.all([
    energyTotals(db, { siteId: site?.id, ...range }),
    chargingSolarTotals(db, { ...range, timeZone }),
  ]);
  const energy = energyTotalsJson(totals);
  return Response.json({
    siteId: site?.id ?? null,
    timeZone,
    from: range.from,
    to: range.to,
    ...energy,
    averageDailySolarKwh: totals.days > 0 ? Math.round((totals.solarProducedKwh / totals.days) * 100) / 100 : null,
    bestDay: totals.bestDay,
    cars: {
      sessions: cars.sessions,
      energyKwh: cars.splitKwh,
      directSolarKwh: cars.solarKwh,
      solarShareKwh: cars.solarShareKwh,
      solarPercentage: cars.splitKwh > 0 ? Math.round((cars.solarShareKwh / cars.splitKwh) * 1000) / 10 : null,
      shareOfSolarProducedPercentage:
        totals.solarProducedKwh > 0 ? Math.round((cars.solarKwh / totals.solarProducedKwh) * 1000) / 10 : null,
    },
  });
});
