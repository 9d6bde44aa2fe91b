import type { DocumentRenderer } from '#domain/contracts/contract-document';

let loaded: Promise<DocumentRenderer> | undefined;

/**
 * pdfkit with the DejaVu fonts, loaded on the first render and kept for the
 * container: a function renders on few of its calls (a draft sent, a print
 * batch's cover), so its cold start does not evaluate pdfkit, fontkit and
 * brotli (about 900 KiB of code).
 */
export function environmentRenderer(): DocumentRenderer {
  return {
    async render(document) {
      loaded ??= import('#adapters/documents/pdfkit-renderer')
        .then(({ PdfkitRenderer }) => new PdfkitRenderer())
        .catch((error: unknown) => {
          // A failed load is not kept: the next render (a redelivery) tries again.
          loaded = undefined;
          throw error;
        });
      return (await loaded).render(document);
    },
  };
}
