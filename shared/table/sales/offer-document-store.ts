import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OfferDocument, OfferDocumentStore } from '#domain/sales/offers/offer-document';
import { getItem } from '#table/core/get-item';
import { stripLayout } from '#table/core/item-mapping';
import type { Table } from '#table/core/table';
import { offerDocumentEntity } from './entities';

/** Offer documents beside their offer; a record is put only where none is. */
export class DynamoOfferDocumentStore implements OfferDocumentStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, offerId: string, versionNumber: number): Promise<OfferDocument | undefined> {
    const item = await getItem(this.table, offerDocumentEntity.key({ tenantId, offerId, versionNumber }));
    return item ? stripLayout<OfferDocument>(item) : undefined;
  }

  async record(document: OfferDocument): Promise<OfferDocument> {
    const at = {
      tenantId: document.tenantId,
      offerId: document.offerId,
      versionNumber: document.versionNumber,
    };
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: offerDocumentEntity.item(document, { key: at }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return document;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const earlier = await this.get(at.tenantId, at.offerId, at.versionNumber);
      if (!earlier) throw error;
      return earlier;
    }
  }
}
