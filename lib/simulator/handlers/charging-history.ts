import type { RequestContext } from '../context';
import { ok } from '../http';
import { hash32 } from '../rng';
import { formatIsoLocal } from '../time-zone';

/**
 * GET /api/1/dx/charging/history?vin&startTime&endTime&pageNo&pageSize&sortOrder — finished
 * Supercharger sessions with their fees (§3.7). pageNo is 1-based here; `totalResults` is sent
 * inside `response`.
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
  const data = sessions.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((c) => {
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
          pricingType: 'PAYMENT',
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
  return ok({ data, totalResults: sessions.length });
}
