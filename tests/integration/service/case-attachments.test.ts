import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { attachmentsApi } from '#api/attachments/attachments-bindings';
import { createHttpHandler } from '#http/http-handler';
import { attachmentsServices } from '#runtime/attachments-services';
import { localObjectStore, upload } from '../../support/attachment-files';
import { answerOf, httpEvent } from '../../support/http-event';
import { caseWorld } from './case-world';

const file = Buffer.from('%PDF-1.7\nFoto av mätaren\n%%EOF\n');
const declared = { fileName: 'Mätare.pdf', contentType: 'application/pdf', size: file.length };
const base = '/v1/cases/{caseId}/attachments';

describe('attachments on cases (R-AC-4)', () => {
  it('lets the case’s team attach and read a file; an agent of another team finds no case', async () => {
    // Prepare
    const w = await caseWorld();
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Mätarbyte',
      description: '',
      channel: 'phone',
    });
    const handler = createHttpHandler(
      attachmentsApi(attachmentsServices({ table: w.table, objects: localObjectStore() })),
      new Logger({ logLevel: 'SILENT' }),
    );
    const call = async (
      routeKey: string,
      who: keyof typeof w.users,
      request: Parameters<typeof httpEvent>[2],
    ) => {
      const u = w.users[who];
      return answerOf(
        await handler(
          httpEvent(routeKey, { tenantId: w.tenant.id, userId: u.sub, roles: u.groups }, request),
        ),
      );
    };
    const params = { caseId: c.id };

    // Act
    const requested = await call(`POST ${base}`, 'anna', { params, body: declared });
    await upload(requested.body.upload, file);
    const attachmentId = requested.body.attachment.id as string;
    const confirmed = await call(`POST ${base}/{attachmentId}/confirm`, 'anna', {
      params: { ...params, attachmentId },
    });
    const listedByTeammate = await call(`GET ${base}`, 'bo', { params });
    const download = await call(`GET ${base}/{attachmentId}/download`, 'bo', {
      params: { ...params, attachmentId },
    });
    const bytes = Buffer.from(await (await fetch(download.body.url)).arrayBuffer());
    const byOtherTeam = await call(`GET ${base}`, 'other', { params });
    const bySeller = await call(`POST ${base}`, 'seller', { params, body: declared });

    // Assess
    expect(requested.status).toBe(201);
    expect(confirmed.status).toBe(200);
    expect(listedByTeammate.body.items).toMatchObject([
      { id: attachmentId, subject: { type: 'case', id: c.id }, state: 'stored' },
    ]);
    expect(bytes.equals(file)).toBe(true);
    expect(byOtherTeam.status).toBe(404);
    expect(bySeller.status).toBe(404);
  });
});
