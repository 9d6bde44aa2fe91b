import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFontFiles } from '#adapters/documents/contract-fonts';
import { functionBundle } from '../../lib/constructs/function-bundle';
import { projectRoot } from '../../lib/constructs/gridline-function';

const run = promisify(execFile);

/** A function that renders a contract document and writes it to the path it is given. */
const entry = `
import { writeFileSync } from 'node:fs';
import { PdfkitRenderer } from '#adapters/documents/pdfkit-renderer';
const pdf = await new PdfkitRenderer().render({
  title: 'Zmluva č. 2026-000042',
  locale: 'sk',
  sections: [
    { kind: 'text', heading: 'Zmluvné strany', paragraphs: ['Odberateľ: Pekáreň Šťastný s.r.o.'] },
    { kind: 'table', columns: ['EIC', 'Cena za MWh'], rows: [['24ZZS12345678900', '123,45 €']] },
  ],
});
writeFileSync(process.argv[2], pdf);
`;

describe('the contract renderer in a function bundle', () => {
  let dir: string;

  // Bundled as the stack bundles a function, into a folder outside the project's node_modules.
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'contract-pdf-bundle-'));
    await build({
      absWorkingDir: projectRoot,
      stdin: { contents: entry, resolveDir: projectRoot, sourcefile: 'render-contract.ts', loader: 'ts' },
      outfile: path.join(dir, 'index.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: functionBundle.target,
      mainFields: [...functionBundle.mainFields],
      banner: { js: functionBundle.banner },
      minify: functionBundle.minify,
      sourcemap: functionBundle.sourceMap,
      logLevel: 'silent',
    });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs the font files beside it, and renders a PDF with them embedded once they are there', async () => {
    // Prepare
    const render = (output: string) => run(process.execPath, ['index.mjs', output], { cwd: dir });
    const without = await render('without-fonts.pdf').then(
      () => 'rendered',
      (error: Error) => error.message,
    );
    // What the stack does with a function's packageFiles: copied into a node_modules beside the bundle.
    const { resolve } = createRequire(import.meta.url);
    for (const file of Object.values(contractFontFiles)) {
      mkdirSync(path.dirname(path.join(dir, 'node_modules', file)), { recursive: true });
      copyFileSync(resolve(file), path.join(dir, 'node_modules', file));
    }

    // Act
    await render('contract.pdf');

    // Assess
    expect(without).toContain('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    const pdf = new Uint8Array(readFileSync(path.join(dir, 'contract.pdf')));
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toContain('Helvetica');
    const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true });
    expect(text.replace(/\s+/g, ' ')).toContain('Odberateľ: Pekáreň Šťastný s.r.o.');
    expect(text).toContain('24ZZS12345678900');
  });
});
