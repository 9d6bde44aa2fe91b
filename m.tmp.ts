import { measureBundles } from './lib/bundles/bundle-budget';
import { topology } from './lib/topology';

const rows = await measureBundles(process.cwd(), topology.functions);
const k = (b: number) => (b / 1024).toFixed(0).padStart(5);
for (const r of rows)
  console.log(
    r.bundle.name.padEnd(24),
    k(r.bundle.bytes),
    k(r.sdkFloorBytes),
    k(r.floor.bytes),
    k(r.limitBytes),
    (r.bundle.bytes / r.floor.bytes).toFixed(2),
    r.bundle.bytes > r.limitBytes
      ? `OVER by ${k(r.bundle.bytes - r.limitBytes)} phone ${k(r.bundle.packageBytes['libphonenumber-js'] ?? 0)}`
      : '',
    r.unusedDocumentLibraries.join(','),
  );
