import { NotFoundError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import type { SupplyPointStore } from './stores';
import type { SupplyPoint } from './supply-point';

/** A supply point of the caller's tenant that is not deleted; otherwise 404. */
export async function liveSupplyPoint(
  store: Pick<SupplyPointStore, 'get'>,
  actor: Actor,
  supplyPointId: string,
): Promise<SupplyPoint> {
  const supplyPoint = await store.get(actor.tenantId, supplyPointId);
  if (!supplyPoint || supplyPoint.deletedAt !== undefined)
    throw new NotFoundError('supply point', supplyPointId);
  return supplyPoint;
}
