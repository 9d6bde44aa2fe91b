import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The fonts contract documents embed, as `package/file`: DejaVu Sans covers
 * Slovak, Czech and Swedish letters (ľ ť ž ô å ä ö …). Functions that render
 * carry them in a node_modules of their own (the topology's `packageFiles`).
 */
export const contractFontFiles = [
  'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
] as const;

export interface ContractFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
}

let loaded: ContractFonts | undefined;

/** The fonts, found the way Node finds the package: the project's node_modules locally, the bundle's in Lambda. */
export function contractFonts(): ContractFonts {
  if (!loaded) {
    const resolve = createRequire(import.meta.url).resolve;
    const [regular, bold] = contractFontFiles.map((file) => readFileSync(resolve(file)));
    loaded = { regular: regular as Buffer, bold: bold as Buffer };
  }
  return loaded;
}
