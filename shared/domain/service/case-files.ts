import { NotFoundError } from '#domain/errors';
import type { Page } from '#domain/ports';
import type { ObjectStore } from '#domain/storage/object-store';
import type { CaseMessage } from './case';
import type { CaseActor } from './case-access';
import { caseFileKey } from './case-intake';
import type { CaseService } from './case-service';

/** How long a download link of a case's file works. */
const linkSeconds = 300;

/** Files that came with a case's messages (mail attachments), downloaded by pre-signed URL. */
export class CaseFiles {
  constructor(
    private readonly deps: {
      readonly cases: Pick<CaseService, 'messages'>;
      readonly objects: Pick<ObjectStore, 'presignDownload'>;
    },
  ) {}

  async downloadUrl(
    actor: CaseActor,
    caseId: string,
    attachmentId: string,
  ): Promise<{ url: string; fileName: string }> {
    let cursor: string | undefined;
    do {
      const page: Page<CaseMessage> = await this.deps.cases.messages(actor, caseId, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      const found = page.items.flatMap((m) => m.attachments).find((a) => a.attachmentId === attachmentId);
      if (found) {
        const url = await this.deps.objects.presignDownload(
          caseFileKey(actor.tenantId, caseId, attachmentId),
          found.fileName,
          linkSeconds,
        );
        return { url, fileName: found.fileName };
      }
      cursor = page.nextCursor;
    } while (cursor);
    throw new NotFoundError('attachment', attachmentId);
  }
}
