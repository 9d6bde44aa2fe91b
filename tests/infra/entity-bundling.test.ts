import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../lib/bundles/function-bundles';
import { projectRoot } from '../../lib/constructs/gridline-function';

/** The entity names in the minified bundle of a module that uses one entity of `shared/table/sales/entities.ts`. */
async function entitiesBundledWithLeadEntity(): Promise<string[]> {
  const result = await build({
    ...bundleOptions,
    absWorkingDir: projectRoot,
    stdin: {
      contents: "import { leadEntity } from '#table/sales/entities';\nconsole.log(leadEntity.stored);\n",
      resolveDir: projectRoot,
      loader: 'ts',
    },
  });
  const code = result.outputFiles[0]!.text;
  return [...code.matchAll(/name:"(\w+)",(?:storedAs:[^,]+,)?description:/g)].map((match) => match[1]!);
}

describe('entity definitions in a bundle', () => {
  it('keeps the entities a function uses and drops the others of the same file', async () => {
    // Act
    const names = await entitiesBundledWithLeadEntity();

    // Assert
    expect(names).toContain('Lead');
    expect(names).not.toContain('LeadMatch');
    expect(names).not.toContain('LeadReference');
    expect(names).not.toContain('SalesSettings');
  });
});
