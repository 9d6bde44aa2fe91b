import { describe, expect, it, vi } from 'vitest';
import type { FilledDocument } from '#domain/contracts/contract-document';
import { environmentRenderer } from '#runtime/environment/renderer';

const loads = vi.hoisted(() => ({ count: 0 }));

// The first load of the PDF library fails (a container short of memory, a broken layer); later ones work.
vi.mock('#adapters/documents/pdfkit-renderer', () => ({
  PdfkitRenderer: class {
    constructor() {
      loads.count += 1;
      if (loads.count === 1) throw new Error('pdf library failed to load');
    }
    async render(): Promise<Uint8Array> {
      return new TextEncoder().encode('%PDF-');
    }
  },
}));

describe('the renderer loaded on first use', () => {
  it('tries the load again on the next render after a failed one, and keeps it once loaded', async () => {
    const renderer = environmentRenderer();
    const document = {} as FilledDocument;

    await expect(renderer.render(document)).rejects.toThrow('pdf library failed to load');
    const second = await renderer.render(document);
    await renderer.render(document);

    expect(new TextDecoder().decode(second)).toBe('%PDF-');
    expect(loads.count).toBe(2);
  });
});
