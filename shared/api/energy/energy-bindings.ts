import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import { accountPatchOfBilling } from '#domain/energy/billing-patch';
import type { EnergyServices } from '#domain/energy/energy-services';
import { type BoundRoute, bind } from '#http/route';
import { energyRoutes as r } from './energy-routes';
import { journeysApi } from './journeys-bindings';
import { pricingApi } from './pricing-bindings';

/** Maps each energy route onto its domain service call. */
export function energyApi(s: EnergyServices): BoundRoute[] {
  return [
    ...pricingApi({ pricing: s.pricing }),
    ...journeysApi({ readings: s.readings, journeys: s.journeys }),
    bind(r.createSupplyPoint, async ({ caller, body, idempotency }) =>
      createdResult(
        await s.supplyPoints.create(caller, body, idempotencyToken('createSupplyPoint', idempotency)),
      ),
    ),
    bind(r.getSupplyPoint, async ({ caller, params }) => {
      const supplyPoint = await s.supplyPoints.get(caller, params.supplyPointId);
      return { body: supplyPoint, version: supplyPoint.version };
    }),
    bind(r.updateSupplyPoint, async ({ caller, params, body, ifMatch }) => {
      const supplyPoint = await s.supplyPoints.update(caller, params.supplyPointId, ifMatch as number, body);
      return { body: supplyPoint, version: supplyPoint.version };
    }),
    bind(r.updateSupplyPointBilling, async ({ caller, params, body, ifMatch }) => {
      const supplyPoint = await s.supplyPoints.get(caller, params.supplyPointId);
      const account = await s.accounts.get(caller, supplyPoint.accountId);
      const changed = await s.accounts.update(
        caller,
        account.id,
        ifMatch as number,
        accountPatchOfBilling(account, body),
      );
      return { body: changed, version: changed.version };
    }),
    bind(r.getSupplyPointPrice, async ({ caller, params, query }) => ({
      body: await s.offerPricing.priceFor(caller, params.supplyPointId, query.productId, query.date),
    })),
    bind(r.getSupplyPointSavings, async ({ caller, params, query }) => ({
      body: await s.offerPricing.savings(caller, params.supplyPointId, query.productId, query.date),
    })),
    bind(r.listAccountSupplyPoints, async ({ caller, params, query }) => ({
      body: await s.supplyPoints.ofAccount(caller, params.accountId, query),
    })),
    bind(r.createTerritory, async ({ caller, body }) => {
      const territory = await s.referenceData.createTerritory(caller, body);
      return { body: territory, version: territory.version };
    }),
    bind(r.listTerritories, async ({ caller, query }) => ({
      body: await s.referenceData.listTerritories(caller, query),
    })),
    bind(r.getTerritory, async ({ caller, params }) => {
      const territory = await s.referenceData.getTerritory(caller, params.code);
      return { body: territory, version: territory.version };
    }),
    bind(r.updateTerritory, async ({ caller, params, body, ifMatch }) => {
      const territory = await s.referenceData.updateTerritory(caller, params.code, ifMatch as number, body);
      return { body: territory, version: territory.version };
    }),
    bind(r.putBandTable, async ({ caller, params, body }) => ({
      body: await s.referenceData.saveBandTable(caller, { ...params, ...body }),
    })),
    bind(r.getBandTable, async ({ caller, params }) => ({
      body: await s.referenceData.bandTable(caller, params.commodity, params.customerType),
    })),
    bind(r.putGasConversion, async ({ caller, body }) => ({
      body: await s.referenceData.saveGasConversion(caller, body),
    })),
    bind(r.getGasConversion, async ({ caller }) => ({ body: await s.referenceData.gasConversion(caller) })),
  ];
}
