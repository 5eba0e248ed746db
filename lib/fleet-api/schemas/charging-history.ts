import { z } from 'zod';
import { fleetEnvelope } from './common';

/**
 * `GET /api/1/dx/charging/history`: Supercharger sessions with fees (reference §3.7, [C-2] shapes).
 * `totalResults` sits inside `response` or at top level depending on the source (§3.7) — both parse.
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
  rateTier3: z.number().optional(),
  rateTier4: z.number().optional(),
  usageBase: z.number(),
  usageTier1: z.number().optional(),
  usageTier2: z.number().optional(),
  usageTier3: z.number().optional(),
  usageTier4: z.number().optional(),
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

export const ChargingHistoryResponseSchema = fleetEnvelope(
  z.object({ data: z.array(ChargingSessionSchema), totalResults: z.number().int().optional() }),
).extend({ totalResults: z.number().int().optional() });
