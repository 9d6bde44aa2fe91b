import { PdfkitRenderer } from '#adapters/documents/pdfkit-renderer';
import type { DocumentRenderer } from '#domain/contracts/contract-document';

let built: DocumentRenderer | undefined;

/** pdfkit with the DejaVu fonts, once per container. */
export function environmentRenderer(): DocumentRenderer {
  built ??= new PdfkitRenderer();
  return built;
}
