import type { Readable } from 'node:stream';
import type { ObjectStore } from '#domain/storage/object-store';
import type { Contract, StoredDocument } from './contract';
import type { DocumentRenderer, FilledDocument } from './contract-document';

/** How long a download link of a contract document works. */
const downloadSeconds = 15 * 60;

async function bytesOf(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The file name a contract's document is offered under. */
export const documentFileName = (contract: Pick<Contract, 'number'>, signed: boolean) =>
  `contract-${contract.number}${signed ? '-signed' : ''}.pdf`;

/**
 * A contract's PDFs in the files bucket: the document as rendered for
 * signing (one per contract version, so a sent document never changes under
 * the signer) and the signed one the provider returns.
 */
export class ContractFiles {
  constructor(
    private readonly objects: ObjectStore,
    private readonly renderer: DocumentRenderer,
  ) {}

  async storeDocument(contract: Contract, filled: FilledDocument, at: Date): Promise<StoredDocument> {
    const bytes = await this.renderer.render(filled);
    const key = `${contract.tenantId}/contracts/${contract.id}/document-v${contract.version}.pdf`;
    await this.objects.write(key, Buffer.from(bytes), 'application/pdf');
    return { key, sizeBytes: bytes.byteLength, storedAt: at.toISOString() };
  }

  async storeSigned(contract: Contract, bytes: Uint8Array, at: Date): Promise<StoredDocument> {
    const key = `${contract.tenantId}/contracts/${contract.id}/signed.pdf`;
    await this.objects.write(key, Buffer.from(bytes), 'application/pdf');
    return { key, sizeBytes: bytes.byteLength, storedAt: at.toISOString() };
  }

  async read(document: StoredDocument): Promise<Uint8Array> {
    return bytesOf(await this.objects.read(document.key));
  }

  downloadUrl(document: StoredDocument, fileName: string): Promise<string> {
    return this.objects.presignDownload(document.key, fileName, downloadSeconds);
  }
}
