import type { FunctionDefinition } from '../topology-types';
import { buildFloor, floorSource, sdkPackagesOf } from './bundle-floor';
import { buildFunctionBundles, type FunctionBundle } from './function-bundles';

const kib = 1024;

/**
 * The most a bundle may weigh: 1.3 times its floor, or 500 KiB when the floor
 * is under 384 KiB (where 1.3 times would leave no room for the function's own code).
 */
export function bundleLimit(floorBytes: number): number {
  return floorBytes < 384 * kib ? 500 * kib : Math.floor(1.3 * floorBytes);
}

export interface BundleMeasure {
  readonly bundle: FunctionBundle;
  /** The SDK clients, the shared runtime and the declared document libraries. */
  readonly floor: { readonly bytes: number; readonly code: Uint8Array };
  /** The SDK clients alone, as the budget was first stated. */
  readonly sdkFloorBytes: number;
  readonly limitBytes: number;
  /** Declared document libraries the bundle does not carry (a floor must not be padded). */
  readonly unusedDocumentLibraries: readonly string[];
}

/** Every function's bundle beside its floors; floors shared by several functions are built once. */
export async function measureBundles(
  projectRoot: string,
  functions: readonly FunctionDefinition[],
): Promise<BundleMeasure[]> {
  const bundles = await buildFunctionBundles(projectRoot, functions);
  const floors = new Map<string, ReturnType<typeof buildFloor>>();
  const floorOf = (source: string) => {
    if (!floors.has(source)) floors.set(source, buildFloor(projectRoot, source));
    return floors.get(source)!;
  };
  return Promise.all(
    functions.map(async (definition, index) => {
      const bundle = bundles[index]!;
      const libraries = definition.documentLibraries ?? [];
      const sdk = sdkPackagesOf(bundle);
      const [floor, sdkFloor] = await Promise.all([
        floorOf(floorSource(sdk, libraries)),
        floorOf(floorSource(sdk, [], { sharedRuntime: false })),
      ]);
      return {
        bundle,
        floor,
        sdkFloorBytes: sdkFloor.bytes,
        limitBytes: bundleLimit(floor.bytes),
        unusedDocumentLibraries: libraries.filter((library) => !(library in bundle.packageBytes)),
      };
    }),
  );
}
