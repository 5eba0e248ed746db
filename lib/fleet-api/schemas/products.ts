import { z } from 'zod';
import { fleetEnvelope } from './common';
import { EnergyProductSchema } from './energy';
import { VehicleSummarySchema } from './vehicle';
import { VehicleConfigSchema } from './vehicle-data';

/**
 * `GET /api/1/products`: vehicles and energy sites in one array (reference §3.3, §4.1).
 * Tell entries apart by key: `vin` → vehicle, `energy_site_id` → energy site. Sites whose
 * components are all false exist and should be skipped.
 */
export const VehicleProductSchema = VehicleSummarySchema.extend({
  vehicle_config: VehicleConfigSchema.partial().optional(),
  command_signing: z.string().optional(),
  release_notes_supported: z.boolean().optional(),
  /** "" or null (real captures). */
  cached_data: z.string().nullable().optional(),
  mobile_access_disabled: z.boolean().optional(),
});

export const ProductSchema = z.union([VehicleProductSchema, EnergyProductSchema]);
export type Product = z.infer<typeof ProductSchema>;
export const ProductsResponseSchema = fleetEnvelope(z.array(ProductSchema));

export function isVehicleProduct(p: Product): p is z.infer<typeof VehicleProductSchema> {
  return 'vin' in p;
}
export function isEnergyProduct(p: Product): p is z.infer<typeof EnergyProductSchema> {
  return 'energy_site_id' in p;
}
