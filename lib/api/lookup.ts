import 'server-only';
import type { Db } from '@/db/client';
import { getEnergySite, type EnergySiteRow } from '@/db/queries/energy';
import { exists } from '@/db/queries/filters';
import { getVehicle, type VehicleRow } from '@/db/queries/vehicles';
import { HttpError } from '@/lib/http/errors';
import { isUuid, notFound, type VehicleRef } from './query';

/** The vehicle a path or filter names (uuid or VIN), or 404. */
export async function vehicleOr404(db: Db, ref: VehicleRef): Promise<VehicleRow> {
  const v = await getVehicle(db, ref);
  if (!v) throw notFound('vehicle');
  return v;
}

/** The energy site a path names: the app's uuid or Tesla's numeric energy_site_id; 404 otherwise. */
export async function siteOr404(db: Db, raw: unknown): Promise<EnergySiteRow> {
  const s =
    typeof raw !== 'string'
      ? undefined
      : isUuid(raw)
        ? { id: raw.toLowerCase() }
        : /^\d{1,20}$/.test(raw)
          ? { teslaSiteId: raw }
          : undefined;
  const site = s ? await getEnergySite(db, s) : undefined;
  if (!site) throw notFound('energy site');
  return site;
}

/** For filters that name another row (driver, location): 404 when it does not exist. */
export async function ensureExists(
  db: Db,
  table: 'drivers' | 'locations' | 'tariffs',
  id: string | undefined,
  what: string,
): Promise<void> {
  if (id && !(await exists(db, table, id))) throw notFound(what);
}

/** A body's tariffId must name a tariff: 422 (a validation failure of that field) otherwise. */
export async function ensureTariffField(db: Db, tariffId: string | null | undefined): Promise<void> {
  if (tariffId && !(await exists(db, 'tariffs', tariffId))) {
    throw new HttpError(422, 'invalid_input', 'The request is not valid.', [{ path: 'tariffId', message: 'no tariff has this id' }]);
  }
}
