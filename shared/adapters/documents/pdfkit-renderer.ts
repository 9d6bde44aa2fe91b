import PDFDocument from 'pdfkit';
import type { DocumentRenderer, FilledDocument, FilledSection } from '#domain/contracts/contract-document';
import { type ContractFonts, contractFonts } from './contract-fonts';

const margin = 56;
const bodySize = 10;
const cellPadding = 4;

type Pdf = PDFKit.PDFDocument;

/**
 * Contract documents as A4 PDFs with pdfkit, the DejaVu fonts embedded
 * (subset) so every letter renders and the text can be extracted. The
 * document is built from its own fonts only: pdfkit's built-in standard
 * fonts are never loaded (they would be read from pdfkit's folder, which a
 * bundle does not carry).
 */
export class PdfkitRenderer implements DocumentRenderer {
  constructor(
    private readonly fonts: () => ContractFonts = contractFonts,
    /** Fixes the creation date (tests compare bytes). */
    private readonly createdAt?: Date,
  ) {}

  render(document: FilledDocument): Promise<Uint8Array> {
    const fonts = this.fonts();
    const pdf = new PDFDocument({
      size: 'A4',
      margin,
      // pdfkit takes a font's bytes here as well as a name; its types know only the name.
      font: fonts.regular as unknown as string,
      bufferPages: true,
      lang: document.locale,
      info: { Title: document.title, ...(this.createdAt ? { CreationDate: this.createdAt } : {}) },
    });
    pdf.registerFont('regular', fonts.regular);
    pdf.registerFont('bold', fonts.bold);
    const done = collect(pdf);
    pdf.font('bold').fontSize(15).text(document.title, { align: 'left' }).moveDown(1);
    for (const section of document.sections) writeSection(pdf, section);
    numberPages(pdf);
    pdf.end();
    return done;
  }
}

function collect(pdf: Pdf): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function writeSection(pdf: Pdf, section: FilledSection): void {
  if (section.heading) pdf.font('bold').fontSize(12).text(section.heading).moveDown(0.4);
  pdf.font('regular').fontSize(bodySize);
  if (section.kind === 'text') {
    for (const paragraph of section.paragraphs) pdf.text(paragraph, { align: 'left' }).moveDown(0.5);
  } else {
    writeTable(pdf, section.columns, section.rows);
  }
  pdf.moveDown(0.8);
}

/**
 * Column widths: every column at least as wide as its longest word, so an
 * identifier (EIC, GSRN) or an amount never breaks; the room left goes to
 * the columns whose text would wrap, in proportion to what they lack.
 */
function columnWidths(pdf: Pdf, cells: readonly (readonly string[])[], available: number): number[] {
  const pad = 2 * cellPadding + 1;
  const widest = (i: number, pick: (cell: string) => string[]) =>
    Math.max(...cells.flatMap((row) => pick(row[i] ?? '').map((part) => pdf.widthOfString(part)))) + pad;
  const count = cells[0]?.length ?? 0;
  const least = Array.from({ length: count }, (_, i) => widest(i, (cell) => cell.split(/[ \t\n]+/)));
  const natural = Array.from({ length: count }, (_, i) => widest(i, (cell) => [cell]));
  const room = available - least.reduce((a, b) => a + b, 0);
  const lacking = natural.map((n, i) => n - (least[i] as number));
  const totalLacking = lacking.reduce((a, b) => a + b, 0);
  if (room <= 0 || totalLacking === 0) {
    const scale = available / least.reduce((a, b) => a + b, 0);
    return least.map((w) => (room <= 0 ? w * scale : w + room / count));
  }
  const share = Math.min(1, room / totalLacking);
  const widths = least.map((w, i) => w + (lacking[i] as number) * share);
  const spare = available - widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w + spare / count);
}

/** A table whose rows wrap their text and move to a new page when they would not fit. */
function writeTable(pdf: Pdf, columns: readonly string[], rows: readonly (readonly string[])[]): void {
  pdf.fontSize(bodySize - 1);
  pdf.font('bold');
  const widths = columnWidths(pdf, [columns, ...rows], pdf.page.width - 2 * margin);
  const row = (cells: readonly string[], font: 'regular' | 'bold') => {
    pdf.font(font).fontSize(bodySize - 1);
    const textWidth = (i: number) => (widths[i] as number) - 2 * cellPadding;
    const height =
      Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: textWidth(i) }))) + 2 * cellPadding;
    if (pdf.y + height > pdf.page.height - margin) pdf.addPage();
    const top = pdf.y;
    let left = margin;
    cells.forEach((cell, i) => {
      pdf.rect(left, top, widths[i] as number, height).stroke('#999999');
      pdf.text(cell, left + cellPadding, top + cellPadding, { width: textWidth(i) });
      left += widths[i] as number;
    });
    pdf.x = margin;
    pdf.y = top + height;
  };
  row(columns, 'bold');
  for (const cells of rows) row(cells, 'regular');
  pdf.font('regular').fontSize(bodySize);
}

function numberPages(pdf: Pdf): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    pdf.switchToPage(i);
    // The footer sits in the bottom margin: without this, pdfkit would start a new page for it.
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(8)
      .text(`${i + 1} / ${count}`, margin, pdf.page.height - margin / 2, {
        width: pdf.page.width - 2 * margin,
        align: 'right',
        lineBreak: false,
      });
  }
}
