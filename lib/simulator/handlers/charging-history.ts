import type { RequestContext } from '../context';
import type { TrueCharge } from '../ground-truth';
import { jsonResponse, ok } from '../http';
import type { ApiOptions } from '../options';
import { hash32 } from '../rng';
import { formatIsoLocal } from '../time-zone';

/**
 * How a Supercharger session's charging fee was settled: `PAYMENT`, or with `superchargerFreeFees`
 * `NO_CHARGE` / `CREDIT` for one session in four each (by id).
 */
export function superchargerPricingType(
  api: Pick<ApiOptions, 'superchargerFreeFees'>,
  chargeId: number,
): 'PAYMENT' | 'NO_CHARGE' | 'CREDIT' {
  if (!api.superchargerFreeFees) return 'PAYMENT';
  return (['PAYMENT', 'NO_CHARGE', 'PAYMENT', 'CREDIT'] as const)[chargeId % 4]!;
}

/** What the owner paid for a Supercharger session (ground truth for the fee): its price, or 0 when free or credited. */
export function superchargerPaid(api: Pick<ApiOptions, 'superchargerFreeFees'>, c: Pick<TrueCharge, 'id' | 'fee'>): number | null {
  if (!c.fee) return null;
  return superchargerPricingType(api, c.id) === 'PAYMENT' ? c.fee.amount : 0;
}

/**
 * GET /api/1/dx/charging/history?vin&startTime&endTime&pageNo&pageSize&sortOrder — finished
 * Supercharger sessions with their fees (§3.7). pageNo is 1-based here; `totalResults` is sent
 * inside `response`, or with `chargingHistoryUnwrapped` beside `data` at the top level (no
 * `response`). With `chargingHistoryEmptyPage` page 1 is empty, counted in `totalResults` as a
 * full page, and the sessions start on page 2.
 */
export function getChargingHistory(ctx: RequestContext): Response {
  const q = ctx.url.searchParams;
  const vin = q.get('vin');
  const from = Date.parse(q.get('startTime') ?? '') || -Infinity;
  const to = Date.parse(q.get('endTime') ?? '') || Infinity;
  const pageSize = Math.max(1, Number(q.get('pageSize') ?? 50) || 50);
  const pageNo = Math.max(1, Number(q.get('pageNo') ?? 1) || 1);
  const asc = (q.get('sortOrder') ?? 'DESC').toUpperCase() === 'ASC';
  const { world, scenario } = ctx.sim;
  const tz = scenario.site.timeZone;
  const sessions = world.gt.charges
    .filter(
      (c) =>
        c.kind === 'supercharger' && c.unpluggedAt !== null && c.fee && (!vin || c.vin === vin) && c.pluggedAt >= from && c.pluggedAt < to,
    )
    .sort((a, b) => (asc ? a.pluggedAt - b.pluggedAt : b.pluggedAt - a.pluggedAt));
  const hidden = ctx.sim.api.chargingHistoryEmptyPage && sessions.length > 0 ? pageSize : 0;
  const first = (pageNo - 1) * pageSize - hidden;
  const data = sessions.slice(Math.max(0, first), Math.max(0, first + pageSize)).map((c) => {
    const place = world.places.get(c.placeId);
    const fee = c.fee ?? { currency: 'USD', amount: 0, pricePerKwh: 0 };
    const kwh = Math.round(c.energyFromWallKwh * 1000) / 1000;
    const contentId = hash32(`${c.id}:${c.vin}`).toString(16).padStart(8, '0');
    return {
      sessionId: 10_000_000 + c.id,
      vin: c.vin,
      siteLocationName: place?.name ?? 'Supercharger',
      chargeStartDateTime: formatIsoLocal(tz, c.firstPowerAt ?? c.pluggedAt),
      chargeStopDateTime: formatIsoLocal(tz, c.lastPowerAt ?? c.pluggedAt),
      unlatchDateTime: formatIsoLocal(tz, c.unpluggedAt ?? c.pluggedAt),
      countryCode: place?.supercharger?.countryCode ?? 'US',
      billingType: 'IMMEDIATE',
      vehicleMakeType: 'TSLA',
      fees: [
        {
          sessionFeeId: 20_000_000 + c.id * 2,
          feeType: 'CHARGING',
          currencyCode: fee.currency,
          pricingType: superchargerPricingType(ctx.sim.api, c.id),
          uom: 'kwh',
          rateBase: fee.pricePerKwh,
          rateTier1: 0,
          rateTier2: 0,
          rateTier3: 0,
          rateTier4: 0,
          usageBase: kwh,
          usageTier1: 0,
          usageTier2: 0,
          usageTier3: 0,
          usageTier4: 0,
          totalBase: fee.amount,
          totalTier1: 0,
          totalTier2: 0,
          totalTier3: 0,
          totalTier4: 0,
          totalDue: fee.amount,
          netDue: fee.amount,
          isPaid: true,
          status: 'PAID',
        },
        {
          sessionFeeId: 20_000_001 + c.id * 2,
          feeType: 'PARKING',
          currencyCode: fee.currency,
          pricingType: 'NO_CHARGE',
          uom: 'min',
          rateBase: 0,
          usageBase: 0,
          totalBase: 0,
          totalDue: 0,
          netDue: 0,
          isPaid: true,
          status: 'PAID',
        },
      ],
      invoices: [{ fileName: `INV-${contentId}.pdf`, contentId, invoiceType: 'IMMEDIATE' }],
    };
  });
  const page = { data, totalResults: sessions.length + hidden };
  return ctx.sim.api.chargingHistoryUnwrapped ? jsonResponse(200, page) : ok(page);
}
