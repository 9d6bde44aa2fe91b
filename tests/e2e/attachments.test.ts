import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime } from '../support/runtime';

describe('attachments, end to end', () => {
  let runtime: LocalRuntime;
  let sweden: ReturnType<typeof clientFor>;
  let slovakia: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    sweden = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
    slovakia = clientFor(runtime, runtime.tenants[1]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('uploads a contract PDF to an account through a pre-signed URL and downloads the same bytes', async () => {
    // Prepare
    const account = await sweden.post('/v1/accounts', { name: 'Avtal AB', customerType: 'B2B' });
    const bytes = Buffer.from('%PDF-1.7\nsigned contract\n%%EOF\n');

    // Act
    const requested = await sweden.post(`/v1/accounts/${account.body.id}/attachments`, {
      fileName: 'elavtal 2027.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    const put = await fetch(requested.body.upload.url, {
      method: 'PUT',
      headers: requested.body.upload.headers,
      body: bytes,
    });
    const attachmentPath = `/v1/accounts/${account.body.id}/attachments/${requested.body.attachment.id}`;
    const confirmed = await sweden.post(`${attachmentPath}/confirm`, {});
    const listed = await sweden.get(`/v1/accounts/${account.body.id}/attachments`);
    const download = await sweden.get(`${attachmentPath}/download`);
    const downloaded = Buffer.from(await (await fetch(download.body.url)).arrayBuffer());
    const foreign = await slovakia.get(`${attachmentPath}/download`);
    await runtime.settled();
    const history = await sweden.get(`/v1/accounts/${account.body.id}/history`);

    // Assess
    expect(requested.status).toBe(201);
    expect(put.status).toBe(200);
    expect(confirmed.status).toBe(200);
    expect(listed.body.items.map((a: { fileName: string }) => a.fileName)).toEqual(['elavtal 2027.pdf']);
    expect(downloaded.equals(bytes)).toBe(true);
    expect(foreign.status).toBe(404);
    expect(history.body.items[0].type).toBe('AttachmentAdded');
  });
});
