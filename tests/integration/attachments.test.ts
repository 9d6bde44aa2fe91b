import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachmentsApi } from '#api/attachments/attachments-bindings';
import type { IdGenerator } from '#domain/ports';
import { createHttpHandler } from '#http/http-handler';
import { attachmentsServices } from '#runtime/attachments-services';
import { outboxEventEntity } from '#table/core/entities';
import { localObjectStore, upload } from '../support/attachment-files';
import { answerOf, httpEvent } from '../support/http-event';
import { servicesWithTenants } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;
type Role = 'admin' | 'viewer';

interface Call {
  readonly tenantId: string;
  readonly role?: Role;
  readonly params: Record<string, string>;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** The attachments API as API Gateway calls it, for one tenant's user. */
function attachmentsHttp(setup: Setup, ids: IdGenerator) {
  const services = attachmentsServices({ table: setup.table, objects: localObjectStore() }, { ids });
  const handler = createHttpHandler(
    attachmentsApi(services),
    new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
  );
  return async (routeKey: string, { tenantId, role = 'admin', ...request }: Call) =>
    answerOf(
      await handler(httpEvent(routeKey, { tenantId, userId: `${role}-user`, roles: [role] }, request)),
    );
}

const routes = {
  requestOnAccount: 'POST /v1/accounts/{accountId}/attachments',
  confirmOnAccount: 'POST /v1/accounts/{accountId}/attachments/{attachmentId}/confirm',
  listOnAccount: 'GET /v1/accounts/{accountId}/attachments',
  downloadOnAccount: 'GET /v1/accounts/{accountId}/attachments/{attachmentId}/download',
  deleteOnAccount: 'DELETE /v1/accounts/{accountId}/attachments/{attachmentId}',
  requestOnContact: 'POST /v1/contacts/{contactId}/attachments',
  confirmOnContact: 'POST /v1/contacts/{contactId}/attachments/{attachmentId}/confirm',
  listOnContact: 'GET /v1/contacts/{contactId}/attachments',
};

const contract = Buffer.from('%PDF-1.7\nElavtal Norrsken Energi, fast pris 24 månader\n%%EOF\n');

describe('attachments over the API, with the object store', () => {
  let setup: Setup;
  let accountId: string;
  let contactId: string;
  let ids: ReturnType<typeof recordingIds>;
  let api: ReturnType<typeof attachmentsHttp>;

  beforeAll(async () => {
    setup = await servicesWithTenants();
    ids = recordingIds();
    api = attachmentsHttp(setup, ids);
    const account = await setup.services.accounts.create(setup.se, {
      name: 'Bageri Solrosen AB',
      customerType: 'B2B',
    });
    accountId = account.value.id;
    const contact = await setup.services.contacts.create(setup.se, {
      firstName: 'Karin',
      lastName: 'Lindqvist',
      accountId,
    });
    contactId = contact.value.id;
  });

  async function outboxEvent(tenantId: string, eventId: string) {
    const { Item } = await setup.table.client.send(
      new GetCommand({
        TableName: setup.table.name,
        Key: outboxEventEntity.key({ tenantId, eventId }),
        ConsistentRead: true,
      }),
    );
    return Item?.event;
  }

  it('uploads a file to an account, lists it and downloads the same bytes', async () => {
    // Prepare
    const declared = {
      fileName: 'Elavtal Ödegård.pdf',
      contentType: 'application/pdf',
      size: contract.length,
    };

    // Act
    const requested = await api(routes.requestOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId },
      body: declared,
    });
    const attachmentId = requested.body.attachment.id as string;
    const listedBeforeConfirm = await api(routes.listOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId },
    });
    const uploaded = await upload(requested.body.upload, contract);
    const confirmed = await api(routes.confirmOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
    });
    const listed = await api(routes.listOnAccount, { tenantId: setup.se.tenantId, params: { accountId } });
    const download = await api(routes.downloadOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
    });
    const file = await fetch(download.body.url);
    const bytes = Buffer.from(await file.arrayBuffer());

    // Assess
    expect(requested.status).toBe(201);
    expect(requested.body.attachment).toMatchObject({ ...declared, state: 'pending', version: 1 });
    expect(requested.body.attachment).not.toHaveProperty('objectKey');
    expect(requested.body.upload).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
    });
    expect(Date.parse(requested.body.upload.expiresAt)).toBeGreaterThan(Date.now());
    expect(listedBeforeConfirm.body.items).toEqual([]);
    expect(uploaded).toBe(200);
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.etag).toBe('"2"');
    expect(confirmed.body).toMatchObject({ id: attachmentId, state: 'stored', version: 2 });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([attachmentId]);
    expect(download.status).toBe(200);
    expect(Date.parse(download.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(file.status).toBe(200);
    expect(bytes.equals(contract)).toBe(true);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Elavtal Odegard.pdf"; filename*=UTF-8''Elavtal%20%C3%96deg%C3%A5rd.pdf`,
    );
  });

  it('keeps the file under the tenant, the subject and the attachment id', async () => {
    // Prepare
    const requested = await api(routes.requestOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId },
      body: { fileName: 'Mätarbild 1.jpg', contentType: 'image/jpeg', size: 4 },
    });
    const attachmentId = requested.body.attachment.id as string;

    // Act
    const objects = localObjectStore();
    const key = `${setup.se.tenantId}/account/${accountId}/${attachmentId}/Matarbild_1.jpg`;
    const before = await objects.head(key);
    await upload(requested.body.upload, Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const after = await objects.head(key);

    // Assess
    expect(before).toBeUndefined();
    expect(after).toEqual({ size: 4, contentType: 'image/jpeg' });
  });

  it('refuses to confirm an upload of another size than declared, with 409 naming the size', async () => {
    // Prepare
    const requested = await api(routes.requestOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId },
      body: { fileName: 'notes.txt', contentType: 'text/plain', size: 10 },
    });
    const attachmentId = requested.body.attachment.id as string;
    await upload(requested.body.upload, Buffer.from('twelve bytes'));

    // Act
    const confirmed = await api(routes.confirmOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
    });
    const download = await api(routes.downloadOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
    });

    // Assess
    expect(confirmed.status).toBe(409);
    expect(confirmed.headers['content-type']).toBe('application/problem+json');
    expect(confirmed.body['invalid-params']).toEqual([
      { name: 'size', reason: 'declared 10 bytes, uploaded 12' },
    ]);
    expect(download.status).toBe(409);
  });

  it('refuses to confirm before anything is uploaded, with 409', async () => {
    // Prepare
    const requested = await api(routes.requestOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId },
      body: { fileName: 'readings.csv', contentType: 'text/csv', size: 20 },
    });

    // Act
    const confirmed = await api(routes.confirmOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId: requested.body.attachment.id },
    });

    // Assess
    expect(confirmed.status).toBe(409);
    expect(confirmed.body['invalid-params']).toEqual([
      { name: 'file', reason: 'nothing has been uploaded to the upload URL yet' },
    ]);
  });

  it('answers 400 naming each field of a file it does not accept, and stores nothing', async () => {
    // Prepare
    const listedBefore = await api(routes.listOnContact, {
      tenantId: setup.se.tenantId,
      params: { contactId },
    });
    const issuedBefore = ids.issued.length;

    // Act
    const badType = await api(routes.requestOnContact, {
      tenantId: setup.se.tenantId,
      params: { contactId },
      body: { fileName: 'setup.exe', contentType: 'application/x-msdownload', size: 1000 },
    });
    const tooBig = await api(routes.requestOnContact, {
      tenantId: setup.se.tenantId,
      params: { contactId },
      body: { fileName: 'scan.pdf', contentType: 'application/pdf', size: 25 * 1024 * 1024 + 1 },
    });
    const wrongExtension = await api(routes.requestOnContact, {
      tenantId: setup.se.tenantId,
      params: { contactId },
      body: { fileName: 'invoice.html', contentType: 'application/pdf', size: 1000 },
    });
    const notANumber = await api(routes.requestOnContact, {
      tenantId: setup.se.tenantId,
      params: { contactId },
      body: { fileName: 'scan.pdf', contentType: 'application/pdf', size: '1000' },
    });

    // Assess
    expect(badType.status).toBe(400);
    expect(badType.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual(['contentType']);
    expect(badType.body['invalid-params'][0].reason).toContain('application/pdf');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body['invalid-params']).toEqual([
      { name: 'size', reason: 'must be at most 26214400 bytes (25 MB)' },
    ]);
    expect(wrongExtension.status).toBe(400);
    expect(wrongExtension.body['invalid-params']).toEqual([
      { name: 'fileName', reason: 'must end in .pdf for application/pdf' },
    ]);
    expect(notANumber.status).toBe(400);
    expect(notANumber.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual(['size']);
    expect(ids.issued.length).toBe(issuedBefore);
    expect(listedBefore.body.items).toEqual([]);
  });

  it("answers 404 for another tenant's account, contact and attachment", async () => {
    // Prepare
    const requested = await api(routes.requestOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId },
      body: { fileName: 'a.txt', contentType: 'text/plain', size: 1 },
    });
    await upload(requested.body.upload, Buffer.from('a'));
    const attachmentId = requested.body.attachment.id as string;
    await api(routes.confirmOnAccount, { tenantId: setup.se.tenantId, params: { accountId, attachmentId } });
    const other = setup.sk.tenantId;

    // Act
    const onAccount = await api(routes.requestOnAccount, {
      tenantId: other,
      params: { accountId },
      body: { fileName: 'a.txt', contentType: 'text/plain', size: 1 },
    });
    const onContact = await api(routes.listOnContact, { tenantId: other, params: { contactId } });
    const download = await api(routes.downloadOnAccount, {
      tenantId: other,
      params: { accountId, attachmentId },
    });
    const removal = await api(routes.deleteOnAccount, {
      tenantId: other,
      params: { accountId, attachmentId },
    });
    const stillThere = await api(routes.downloadOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
    });

    // Assess
    expect([onAccount.status, onContact.status, download.status, removal.status]).toEqual([
      404, 404, 404, 404,
    ]);
    expect(stillThere.status).toBe(200);
  });

  it('does not let a viewer attach or remove files', async () => {
    // Act
    const requested = await api(routes.requestOnAccount, {
      tenantId: setup.se.tenantId,
      role: 'viewer',
      params: { accountId },
      body: { fileName: 'a.txt', contentType: 'text/plain', size: 1 },
    });
    const listed = await api(routes.listOnAccount, {
      tenantId: setup.se.tenantId,
      role: 'viewer',
      params: { accountId },
    });

    // Assess
    expect(requested.status).toBe(403);
    expect(listed.status).toBe(200);
  });

  it("records AttachmentAdded on a contact with its account, so it shows in the account's history", async () => {
    // Prepare
    const requested = await api(routes.requestOnContact, {
      tenantId: setup.se.tenantId,
      params: { contactId },
      body: { fileName: 'fullmakt.pdf', contentType: 'application/pdf', size: contract.length },
    });
    const attachmentId = requested.body.attachment.id as string;
    await upload(requested.body.upload, contract);

    // Act
    const before = ids.issued.length;
    const confirmed = await api(routes.confirmOnContact, {
      tenantId: setup.se.tenantId,
      params: { contactId, attachmentId },
    });
    const again = await api(routes.confirmOnContact, {
      tenantId: setup.se.tenantId,
      params: { contactId, attachmentId },
    });

    // Assess
    expect(confirmed.status).toBe(200);
    expect(again.body).toEqual(confirmed.body);
    const eventIds = ids.issued.slice(before);
    expect(eventIds).toHaveLength(1);
    expect(await outboxEvent(setup.se.tenantId, eventIds[0] as string)).toMatchObject({
      type: 'AttachmentAdded',
      source: 'gridline.accounts',
      subject: { type: 'contact', id: contactId, accountId },
      changes: [{ field: 'attachments', from: null, to: 'fullmakt.pdf' }],
      data: { attachment: { id: attachmentId, state: 'stored', size: contract.length } },
    });
  });

  it('removes an attachment: it no longer lists or downloads, and the removal is an event', async () => {
    // Prepare
    const requested = await api(routes.requestOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId },
      body: { fileName: 'old.png', contentType: 'image/png', size: 3 },
    });
    const attachmentId = requested.body.attachment.id as string;
    await upload(requested.body.upload, Buffer.from('png'));
    const confirmed = await api(routes.confirmOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
    });

    // Act
    const stale = await api(routes.deleteOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
      headers: { 'if-match': '"1"' },
    });
    const before = ids.issued.length;
    const removed = await api(routes.deleteOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
      headers: { 'if-match': confirmed.headers.etag as string },
    });
    const listed = await api(routes.listOnAccount, { tenantId: setup.se.tenantId, params: { accountId } });
    const download = await api(routes.downloadOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId },
    });

    // Assess
    expect(stale.status).toBe(412);
    expect(removed.status).toBe(204);
    expect(listed.body.items.map((a: { id: string }) => a.id)).not.toContain(attachmentId);
    expect(download.status).toBe(404);
    const eventIds = ids.issued.slice(before);
    expect(await outboxEvent(setup.se.tenantId, eventIds[0] as string)).toMatchObject({
      type: 'AttachmentRemoved',
      subject: { type: 'account', id: accountId },
      data: { attachmentId, fileName: 'old.png' },
    });
  });

  it('answers a retried upload request with the same attachment and a fresh URL', async () => {
    // Prepare
    const call = {
      tenantId: setup.se.tenantId,
      params: { accountId },
      body: {
        fileName: 'offer.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: 5,
      },
      headers: { 'idempotency-key': `offer-${Date.now()}` },
    };

    // Act
    const first = await api(routes.requestOnAccount, call);
    const retry = await api(routes.requestOnAccount, call);

    // Assess
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.attachment).toEqual(first.body.attachment);
    expect(await upload(retry.body.upload, Buffer.from('hello'))).toBe(200);
  });

  it('refuses a retried upload request once its file is confirmed, so a stored file cannot be overwritten', async () => {
    // Prepare
    const call = {
      tenantId: setup.se.tenantId,
      params: { accountId },
      body: { fileName: 'signed.pdf', contentType: 'application/pdf', size: 3 },
      headers: { 'idempotency-key': `signed-${Date.now()}` },
    };
    const first = await api(routes.requestOnAccount, call);
    await upload(first.body.upload, Buffer.from('pdf'));
    await api(routes.confirmOnAccount, {
      tenantId: setup.se.tenantId,
      params: { accountId, attachmentId: first.body.attachment.id },
    });

    // Act
    const retry = await api(routes.requestOnAccount, call);

    // Assess
    expect(retry.status).toBe(409);
    expect(retry.body.detail).toContain('already stored');
  });

  it('lists attachments newest first, a page at a time', async () => {
    // Prepare
    const setupOwn = await servicesWithTenants();
    const own = attachmentsHttp(setupOwn, recordingIds());
    const account = await setupOwn.services.accounts.create(setupOwn.se, {
      name: 'Frisör Lugnet',
      customerType: 'B2B',
    });
    const tenantId = setupOwn.se.tenantId;
    const params = { accountId: account.value.id };
    const stored: string[] = [];
    for (const name of ['one.txt', 'two.txt', 'three.txt']) {
      const requested = await own(routes.requestOnAccount, {
        tenantId,
        params,
        body: { fileName: name, contentType: 'text/plain', size: 1 },
      });
      await upload(requested.body.upload, Buffer.from('x'));
      const attachmentId = requested.body.attachment.id as string;
      await own(routes.confirmOnAccount, { tenantId, params: { ...params, attachmentId } });
      stored.push(attachmentId);
    }

    // Act
    const handler = attachmentsServices({ table: setupOwn.table, objects: localObjectStore() }).attachments;
    const admin = { ...setupOwn.se, roles: ['admin'] };
    const first = await handler.list(admin, { type: 'account', id: params.accountId }, { limit: 2 });
    const second = await handler.list(
      admin,
      { type: 'account', id: params.accountId },
      { limit: 2, cursor: first.nextCursor },
    );

    // Assess
    expect([...first.items, ...second.items].map((a) => a.fileName)).toEqual([
      'three.txt',
      'two.txt',
      'one.txt',
    ]);
  });
});
