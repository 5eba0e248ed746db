import type { DriverRow } from '@/db/queries/drivers';
import { iso } from './dates';

/** A driver; `rules` assign drives automatically (see DriverRule in lib/stats/driver-rules.ts), by priority. */
export const driverJson = (d: DriverRow) => ({
  id: d.id,
  name: d.name,
  profileId: d.profileId,
  rules: d.rules,
  priority: d.priority,
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
});
