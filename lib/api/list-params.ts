import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { CHARGE_SOURCES, CHARGER_KINDS } from '@/db/schema';
import { checkOrder, fromParam, toParam } from './dates';
import { ensureExists, vehicleOr404 } from './lookup';
import { pageFields, toPageRequest, type PageRequest } from './pagination';
import { parseQuery, uuidParam, vehicleRefParam } from './query';

/** Query of GET /api/charging/sessions (and the CSV export, without paging). */
const sessionFilterFields = {
  vehicle: vehicleRefParam.optional(),
  location: uuidParam('location').optional(),
  source: z.enum(CHARGE_SOURCES, `must be one of ${CHARGE_SOURCES.join(', ')}`).optional(),
  chargerType: z.enum(CHARGER_KINDS, `must be one of ${CHARGER_KINDS.join(', ')}`).optional(),
  from: fromParam.optional(),
  to: toParam.optional(),
};
const driveFilterFields = {
  vehicle: vehicleRefParam.optional(),
  driver: uuidParam('driver').optional(),
  from: fromParam.optional(),
  to: toParam.optional(),
};

export type SessionFilter = {
  vehicleId?: string;
  locationId?: string;
  source?: (typeof CHARGE_SOURCES)[number];
  chargerType?: (typeof CHARGER_KINDS)[number];
  from?: Date;
  to?: Date;
};
export type DriveFilter = { vehicleId?: string; driverId?: string; from?: Date; to?: Date };

const SessionQuery = z.object({ ...sessionFilterFields, ...pageFields }).strict();
const SessionExportQuery = z.object(sessionFilterFields).strict();
const DriveQuery = z.object({ ...driveFilterFields, ...pageFields }).strict();
const DriveExportQuery = z.object(driveFilterFields).strict();

/**
 * Parses and resolves the session filters: 400 for bad values, 404 when a named vehicle or
 * location does not exist. `paged: false` (CSV export) refuses the paging parameters.
 */
export async function sessionFilter(db: Db, req: Request, paged: boolean): Promise<{ filter: SessionFilter; page: PageRequest }> {
  const q: z.output<typeof SessionQuery> = paged ? parseQuery(req, SessionQuery) : parseQuery(req, SessionExportQuery);
  const page = toPageRequest(q);
  checkOrder(q);
  const vehicleId = q.vehicle ? (await vehicleOr404(db, q.vehicle)).id : undefined;
  await ensureExists(db, 'locations', q.location, 'location');
  return { filter: { vehicleId, locationId: q.location, source: q.source, chargerType: q.chargerType, from: q.from, to: q.to }, page };
}

/** Parses and resolves the drive filters, like sessionFilter (404 for an unknown vehicle or driver). */
export async function driveFilter(db: Db, req: Request, paged: boolean): Promise<{ filter: DriveFilter; page: PageRequest }> {
  const q: z.output<typeof DriveQuery> = paged ? parseQuery(req, DriveQuery) : parseQuery(req, DriveExportQuery);
  const page = toPageRequest(q);
  checkOrder(q);
  const vehicleId = q.vehicle ? (await vehicleOr404(db, q.vehicle)).id : undefined;
  await ensureExists(db, 'drivers', q.driver, 'driver');
  return { filter: { vehicleId, driverId: q.driver, from: q.from, to: q.to }, page };
}
