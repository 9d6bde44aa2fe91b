import { Logger } from '@aws-lambda-powertools/logger';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachmentsApi } from '#api/attachments/attachments-bindings';
import type { Contract } from '#domain/contracts/contract';
import type { SalesActor } from '#domain/sales/sales-ports';
import { createHttpHandler } from '#http/http-handler';
import { attachmentsServices } from '#runtime/attachments-services';
import { outboxEventEntity } from '#table/core/entities';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { localObjectStore, upload } from '../support/attachment-files';
import { contractOf, putContract } from '../support/contract-item';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { slovakTenant } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';
import { salesFixture } from '../support/sales-fixture';
import { itemAt } from '../support/stored-items';

type Fixture = Awaited<ReturnType<typeof salesFixture>>;

const routes = (collection: 'deals' | 'contracts', idParam: string) => ({
  request: `POST /v1/${collection}/{${idParam}}/attachments`,
  confirm: `POST /v1/${collection}/{${idParam}}/attachments/{attachmentId}/confirm`,
  list: `GET /v1/${collection}/{${idParam}}/attachments`,
  download: `GET /v1/${collection}/{${idParam}}/attachments/{attachmentId}/download`,
  remove: `DELETE /v1/${collection}/{${idParam}}/attachments/{attachmentId}`,
});
const onDeal = routes('deals', 'dealId');
const onContract = routes('contracts', 'contractId');

const file = Buffer.from('%PDF-1.7\nFullmakt för leverantörsbyte\n%%EOF\n');
const declared = { fileName: 'Fullmakt.pdf', contentType: 'application/pdf', size: file.length };

describe('attachments on deals and contracts (R-AC-4)', () => {
  let f: Fixture;
  let ids: ReturnType<typeof recordingIds>;
  let call: (
    routeKey: string,
    caller: SalesActor,
    request?: TestRequest,
  ) => Promise<ReturnType<typeof answerOf>>;
  let accountId: string;
  let dealId: string;
  let contract: Contract;
  let otherTenantAdmin: SalesActor;

  beforeAll(async () => {
    f = await salesFixture();
    ids = recordingIds();
    const services = attachmentsServices({ table: f.table, objects: localObjectStore() }, { ids });
    const handler = createHttpHandler(attachmentsApi(services), new Logger({ logLevel: 'SILENT' }));
    call = async (routeKey, caller, request) => answerOf(await handler(httpEvent(routeKey, caller, request)));
    accountId = (await f.crm.accounts.create(f.admin, { name: 'Bageri Solrosen AB', customerType: 'B2B' }))
      .value.id;
    dealId = (
      await f.sales.deals.create(f.anna, {
        title: 'Electricity 2027',
        accountId,
        stageId: f.stages.qualification,
        valueMinor: 100_000,
        expectedCloseDate: '2027-03-15',
      })
    ).value.id;
    contract = contractOf({
      tenantId: f.tenant.id,
      accountId,
      deal: {
        dealId,
        title: 'Electricity 2027',
        ownerId: f.anna.userId,
        participants: [{ userId: f.anna.userId, shareBasisPoints: 10_000 }],
      },
    });
    await putContract(f.table, contract);
    const other = slovakTenant();
    await new DynamoTenantDirectory(f.table).save(other);
    otherTenantAdmin = { tenantId: other.id, userId: 'other-admin', roles: ['admin'] };
  });

  /** Requests, uploads and confirms a file; answers the confirmed attachment's id. */
  async function attach(r: typeof onDeal, caller: SalesActor, params: Record<string, string>) {
    const requested = await call(r.request, caller, { params, body: declared });
    expect(requested.status).toBe(201);
    await upload(requested.body.upload, file);
    const attachmentId = requested.body.attachment.id as string;
    const confirmed = await call(r.confirm, caller, { params: { ...params, attachmentId } });
    expect(confirmed.status).toBe(200);
    return attachmentId;
  }

  describe('on a deal', () => {
    it('lets its owner attach, list and download a file, and the admin and a viewer read it', async () => {
      // Prepare
      const params = { dealId };
      const before = ids.issued.length;

      // Act
      const attachmentId = await attach(onDeal, f.anna, params);
      const listedByOwner = await call(onDeal.list, f.anna, { params });
      const listedByAdmin = await call(onDeal.list, f.admin, { params });
      const listedByViewer = await call(onDeal.list, f.viewer, { params });
      const download = await call(onDeal.download, f.anna, { params: { ...params, attachmentId } });
      const bytes = Buffer.from(await (await fetch(download.body.url)).arrayBuffer());

      // Assess
      for (const listed of [listedByOwner, listedByAdmin, listedByViewer]) {
        expect(listed.status).toBe(200);
        expect(listed.body.items).toMatchObject([
          { id: attachmentId, subject: { type: 'deal', id: dealId }, state: 'stored' },
        ]);
      }
      expect(bytes.equals(file)).toBe(true);
      const eventId = ids.issued.slice(before).at(-1) as string;
      const outbox = await itemAt(f.table, outboxEventEntity.key({ tenantId: f.tenant.id, eventId }));
      expect(outbox?.event).toMatchObject({
        type: 'AttachmentAdded',
        subject: { type: 'deal', id: dealId, accountId },
      });
    });

    it('answers 404 to a seller not on the deal and to another tenant, whatever they ask', async () => {
      // Prepare
      const params = { dealId };
      const attachmentId = await attach(onDeal, f.admin, params);

      // Act
      const answers = await Promise.all(
        [f.bo, otherTenantAdmin].flatMap((caller) => [
          call(onDeal.list, caller, { params }),
          call(onDeal.request, caller, { params, body: declared }),
          call(onDeal.download, caller, { params: { ...params, attachmentId } }),
          call(onDeal.remove, caller, { params: { ...params, attachmentId } }),
        ]),
      );
      const stillThere = await call(onDeal.download, f.anna, { params: { ...params, attachmentId } });

      // Assess
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
      expect(stillThere.status).toBe(200);
    });

    it('lets only those who change the deal add or remove files: a viewer who also sells, not on it, reads them', async () => {
      // Prepare
      const params = { dealId };
      const attachmentId = await attach(onDeal, f.anna, params);
      const viewingSeller: SalesActor = { ...f.bo, roles: ['viewer', 'sales'] };

      // Act
      const listed = await call(onDeal.list, viewingSeller, { params });
      const requested = await call(onDeal.request, viewingSeller, { params, body: declared });
      const removal = await call(onDeal.remove, viewingSeller, { params: { ...params, attachmentId } });
      const byViewer = await call(onDeal.request, f.viewer, { params, body: declared });
      const byOwner = await call(onDeal.remove, f.anna, { params: { ...params, attachmentId } });

      // Assess
      expect(listed.status).toBe(200);
      expect([requested.status, removal.status, byViewer.status]).toEqual([403, 403, 403]);
      expect(byOwner.status).toBe(204);
    });

    it('answers 404 for a deal that does not exist', async () => {
      // Act
      const listed = await call(onDeal.list, f.admin, { params: { dealId: ulid() } });

      // Assess
      expect(listed.status).toBe(404);
    });
  });

  describe('on a contract', () => {
    it('lets the owner of its deal attach, list and download a file, keyed under the contract', async () => {
      // Prepare
      const params = { contractId: contract.id };

      // Act
      const attachmentId = await attach(onContract, f.anna, params);
      const listedByAdmin = await call(onContract.list, f.admin, { params });
      const download = await call(onContract.download, f.anna, { params: { ...params, attachmentId } });
      const key = `${f.tenant.id}/contract/${contract.id}/${attachmentId}/Fullmakt.pdf`;

      // Assess
      expect(listedByAdmin.status).toBe(200);
      expect(listedByAdmin.body.items).toMatchObject([
        { id: attachmentId, subject: { type: 'contract', id: contract.id } },
      ]);
      expect(download.status).toBe(200);
      expect(await localObjectStore().head(key)).toEqual({
        size: file.length,
        contentType: 'application/pdf',
      });
    });

    it('answers 404 to a seller not on its deal, to another tenant, and for a deleted or absent contract', async () => {
      // Prepare
      const deleted = contractOf({
        tenantId: f.tenant.id,
        accountId,
        deal: contract.deal,
        deletedAt: '2026-03-03T10:00:00.000Z',
      });
      await putContract(f.table, deleted);

      // Act
      const bySeller = await call(onContract.list, f.bo, { params: { contractId: contract.id } });
      const uploadBySeller = await call(onContract.request, f.bo, {
        params: { contractId: contract.id },
        body: declared,
      });
      const byOtherTenant = await call(onContract.list, otherTenantAdmin, {
        params: { contractId: contract.id },
      });
      const ofDeleted = await call(onContract.list, f.admin, { params: { contractId: deleted.id } });
      const ofAbsent = await call(onContract.list, f.admin, {
        params: { contractId: ulid() },
      });

      // Assess
      expect([bySeller, uploadBySeller, byOtherTenant, ofDeleted, ofAbsent].map((a) => a.status)).toEqual([
        404, 404, 404, 404, 404,
      ]);
    });

    it('refuses 403 a viewer who adds a file, and reads them for the viewer', async () => {
      // Act
      const requested = await call(onContract.request, f.viewer, {
        params: { contractId: contract.id },
        body: declared,
      });
      const listed = await call(onContract.list, f.viewer, { params: { contractId: contract.id } });

      // Assess
      expect(requested.status).toBe(403);
      expect(listed.status).toBe(200);
    });
  });
});
