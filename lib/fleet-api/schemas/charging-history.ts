import { z } from 'zod';
import { fleetEnvelope } from './common';

/**
 * `GET /api/1/dx/charging/history`: Supercharger sessions with fees (reference §3.7, [C-2] shapes).
 * `totalResults` sits inside `response` or at top level depending on the source (§3.7); the live
 * payload has no `response` at all, only `data` and `totalResults` at the top level
 * (tests/fixtures/real/charging-history-*): `RawChargingHistoryEnvelopeSchema` accepts both.
 * Unused fee tiers are null in the live payload, not 0 or absent.
 * Dates are RFC 3339 strings.
 */

/**
 * How a fee was settled. Only the payment types are money the owner paid (TeslaLogger's charging
 * history V2 parser counts `PAYMENT` and `CREDIT_PARTIAL_PAYMENT`); `NO_CHARGE` (free
 * Supercharging), `CREDIT` (Supercharging credits) and `FREE_SITE` (a site charging for free;
 * value listed by the same sources) are not paid, whatever their `totalDue`.
 * A value not listed here is read as null (and reported) and not counted as paid.
 */
export const PAYMENT_PRICING_TYPES = ['PAYMENT', 'CREDIT_PARTIAL_PAYMENT'] as const;
export const FREE_PRICING_TYPES = ['NO_CHARGE', 'CREDIT', 'FREE_SITE'] as const;
export const PricingTypeSchema = z.enum([...PAYMENT_PRICING_TYPES, ...FREE_PRICING_TYPES]);
export type PricingType = z.infer<typeof PricingTypeSchema>;

export const ChargingFeeSchema = z.object({
  sessionFeeId: z.number().optional(),
  feeType: z.string(),
  currencyCode: z.string(),
  pricingType: PricingTypeSchema.optional(),
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The Supercharger history body as one page `{data, totalResults}`, whatever the envelope (each
 * field still as sent, read field by field later):
 * - the live payload: `{data, totalResults}` at the top level, no `response` (real clients);
 * - `{response: {data, totalResults}}`, or `{response: {data}, totalResults}` (§3.7: the count
 *   sits inside or beside `response`): the count is taken from wherever it is;
 * - `{response: [...]}`: the sessions as the response itself (one client reads either key).
 * Anything else (no `data` and no `response` to read it from) is refused as an unexpected payload.
 */
export const RawChargingHistoryEnvelopeSchema = z
  .custom<Record<string, unknown>>((v) => isRecord(v) && (isRecord(v.response) || Array.isArray(v.response) || 'data' in v))
  .transform((body) => {
    const inner = body.response;
    const page = isRecord(inner) ? inner : Array.isArray(inner) ? { data: inner } : body;
    const totalResults = page.totalResults ?? body.totalResults;
    return { response: totalResults === undefined ? page : { ...page, totalResults } };
  });
