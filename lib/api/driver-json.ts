import type { DriverRow } from '@/db/queries/drivers';
import { iso } from './dates';

/** A driver; `rules` assign drives automatically (see DriverRule in lib/api/bodies.ts). */
export const driverJson = (d: DriverRow) => ({
  id: d.id,
  name: d.name,
  profileId: d.profileId,
  rules: d.rules,
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
});
