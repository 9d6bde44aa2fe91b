import type { PriceEntry } from '#domain/energy/pricing/price-list';
import type { PricingService } from '#domain/energy/pricing/pricing-service';
import { ConflictError, NotFoundError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import { calculateSavings, type Savings } from './savings';
import type { SupplyPoint } from './supply-point';
import type { SupplyPointService } from './supply-point-service';

export interface SupplyPointPrice {
  readonly supplyPointId: string;
  readonly date: string;
  readonly bandCode: string;
  readonly price: PriceEntry;
}

/**
 * "The price of product P for supply point S on day D" (R-SP-5) and the
 * saving against the supply point's current tariff (used by offers).
 */
export class OfferPricing {
  constructor(
    private readonly supplyPoints: SupplyPointService,
    private readonly pricing: PricingService,
  ) {}

  async priceFor(
    actor: Actor,
    supplyPointId: string,
    productId: string,
    date: string,
  ): Promise<SupplyPointPrice> {
    const supplyPoint = await this.supplyPoints.get(actor, supplyPointId);
    const bandCode = supplyPoint.derived.band?.code;
    if (!bandCode) {
      throw new ConflictError(
        'missing-prerequisite',
        'the supply point has no consumption band yet: give its annual consumption',
        [{ name: 'annualConsumptionKwh', reason: 'needed for the consumption band' }],
      );
    }
    const price = await this.pricing.priceOn(actor, productId, supplyPoint.territoryCode, bandCode, date);
    if (!price) {
      throw new NotFoundError(
        'price of product',
        `${productId} in ${supplyPoint.territoryCode}/${bandCode} on ${date}`,
      );
    }
    return { supplyPointId, date, bandCode, price };
  }

  async savings(
    actor: Actor,
    supplyPointId: string,
    productId: string,
    date: string,
  ): Promise<SupplyPointPrice & { readonly annualConsumptionKwh: number; readonly savings: Savings }> {
    const priced = await this.priceFor(actor, supplyPointId, productId, date);
    const supplyPoint = await this.supplyPoints.get(actor, supplyPointId);
    const annualConsumptionKwh = consumptionKwh(supplyPoint);
    const current = supplyPoint.currentTariff;
    if (!current) {
      throw new ConflictError(
        'missing-prerequisite',
        'the supply point has no current tariff to compare with',
        [{ name: 'currentTariff', reason: 'needed for the saving' }],
      );
    }
    const savings = calculateSavings(
      {
        unitPricePerMwh: current.unitPricePerMwhMinor,
        monthlyFee: current.monthlyFeeMinor,
        currency: current.currency,
      },
      {
        unitPricePerMwh: priced.price.unitPricePerMwhMinor,
        monthlyFee: priced.price.monthlyFeeMinor,
        currency: priced.price.currency,
      },
      annualConsumptionKwh,
    );
    return { ...priced, annualConsumptionKwh, savings };
  }
}

function consumptionKwh(supplyPoint: SupplyPoint): number {
  const kwh = supplyPoint.annualConsumptionKwh ?? supplyPoint.derived.gas?.annualKwh;
  if (kwh === undefined) {
    throw new ConflictError('missing-prerequisite', 'the supply point has no annual consumption', [
      { name: 'annualConsumptionKwh', reason: 'needed for the annual cost' },
    ]);
  }
  return kwh;
}
