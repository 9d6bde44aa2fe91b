import type { LineMargins } from '#domain/commissions/commission-generation';
import type { PriceMargins } from '#domain/commissions/commission-stores';
import type { ContractLine } from '#domain/contracts/contract';
import type { PriceList } from '#domain/energy/pricing/price-list';
import type { PriceStore } from '#domain/energy/pricing/stores';

/**
 * The margins of the price list versions contracts were priced from: one
 * read per distinct product and version (a contract has one product, so
 * usually one read).
 */
export class PriceListMargins implements PriceMargins {
  constructor(private readonly prices: Pick<PriceStore, 'version' | 'list'>) {}

  async ofLines(tenantId: string, lines: readonly ContractLine[]): Promise<LineMargins> {
    const lists = new Map<string, Promise<PriceList | undefined>>();
    const listOf = (line: ContractLine) => {
      const id = `${line.productId}#${line.priceListVersion}`;
      const found = lists.get(id) ?? this.prices.version(tenantId, line.productId, line.priceListVersion);
      lists.set(id, found);
      return found;
    };
    return Promise.all(
      lines.map(async (line) => {
        const list = await listOf(line);
        return list?.prices.find(
          (p) => p.territoryCode === line.territoryCode && p.bandCode === line.bandCode,
        )?.marginPerMwhMinor;
      }),
    );
  }

  async productHasMargins(tenantId: string, productId: string): Promise<boolean> {
    const newest = (await this.prices.list(tenantId, productId, { limit: 1 })).items[0];
    return newest?.prices.every((p) => p.marginPerMwhMinor !== undefined) === true;
  }
}
