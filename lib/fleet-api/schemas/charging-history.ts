import { z } from 'zod';
import { RawEnvelopeSchema, fleetEnvelope } from './common';

/**
 * `GET /api/1/dx/charging/history`: Supercharger sessions with fees (reference §3.7, [C-2] shapes).
 * `totalResults` sits inside `response` or at top level depending on the source (§3.7); the live
 * payload has no `response` at all, only `data` and `totalResults` at the top level
 * (tests/fixtures/real/charging-history-*): `RawChargingHistoryEnvelopeSchema` accepts both.
 * Unused fee tiers are null in the live payload, not 0 or absent.
 * Dates are RFC 3339 strings.
 */
export const ChargingFeeSchema = z.object({
  sessionFeeId: z.number().optional(),
  feeType: z.string(),
  currencyCode: z.string(),
  pricingType: z.string().optional(),
  uom: z.string(),
  rateBase: z.number(),
  rateTier1: z.number().optional(),
  rateTier2: z.number().optional(),
  rateTier3: z.number().nullable().optional(),
  rateTier4: z.number().nullable().optional(),
  usageBase: z.number(),
  usageTier1: z.number().optional(),
  usageTier2: z.number().optional(),
  usageTier3: z.number().nullable().optional(),
  usageTier4: z.number().nullable().optional(),
  totalBase: z.number(),
  totalTier1: z.number().optional(),
  totalTier2: z.number().optional(),
  totalTier3: z.number().optional(),
  totalTier4: z.number().optional(),
  totalDue: z.number(),
  netDue: z.number(),
  isPaid: z.boolean().optional(),
  status: z.string().optional(),
});

export const ChargingSessionSchema = z.object({
  sessionId: z.number(),
  vin: z.string(),
  siteLocationName: z.string(),
  chargeStartDateTime: z.string(),
  chargeStopDateTime: z.string(),
  unlatchDateTime: z.string().nullable().optional(),
  countryCode: z.string().optional(),
  billingType: z.string().optional(),
  vehicleMakeType: z.string().optional(),
  fees: z.array(ChargingFeeSchema),
  invoices: z
    .array(z.object({ fileName: z.string(), contentId: z.string(), invoiceType: z.string().optional() }))
    .nullable()
    .optional(),
});
export type ChargingSession = z.infer<typeof ChargingSessionSchema>;

/** The page itself: sessions and (sometimes) the total count. */
export const ChargingHistorySchema = z.object({ data: z.array(ChargingSessionSchema), totalResults: z.number().int().optional() });
export type ChargingHistory = z.infer<typeof ChargingHistorySchema>;

export const ChargingHistoryResponseSchema = fleetEnvelope(ChargingHistorySchema).extend({ totalResults: z.number().int().optional() });

/**
 * The Supercharger history envelope kept as sent, in either shape: `{response: {data, …}}` or the
 * live payload's top-level `{data, totalResults}` (then the whole body is the page).
 */
export const RawChargingHistoryEnvelopeSchema = z.union([
  RawEnvelopeSchema,
  z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && 'data' in v).transform((body) => ({ response: body })),
]);
