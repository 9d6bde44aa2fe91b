import { builtinModules } from 'node:module';
import { build, type Metafile, type OutputFile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionBundle } from '../../lib/constructs/function-bundle';
import { projectRoot } from '../../lib/constructs/gridline-function';
import { topology } from '../../lib/topology';

const entries = [...new Set(topology.functions.map((definition) => definition.entry))];

/**
 * The functions that read or check phone numbers (accounts, contacts, leads,
 * imports, text messages, and the account updates of energy and settings
 * jobs); every other function must not carry the phone library.
 */
const phoneFunctions = new Set([
  'accounts-api',
  'energy-api',
  'messaging-api',
  'settings-jobs',
  'import-api',
  'import-worker',
  'sales-api',
  'lead-webhook',
  'appointment-notices',
  // The contract schemas take an account's fields, whose phones are normalised, and both functions wire the
  // messaging service to e-mail an offer's PDF, whose messages check SMS recipients' numbers.
  'contracts-api',
  'offer-documents',
]);

/** What a module import names without a `node:` prefix or a subpath. */
const packageOf = (name: string): string => name.replace(/^node:/, '').split('/')[0]!;

describe('the function bundles', () => {
  let metafile: Metafile;
  let errors: unknown[];
  let outputFiles: OutputFile[];

  // One esbuild run for all entries: what a synth does one function at a time.
  beforeAll(async () => {
    const result = await build({
      absWorkingDir: projectRoot,
      entryPoints: entries,
      outdir: 'bundles',
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: functionBundle.target,
      mainFields: [...functionBundle.mainFields],
      banner: { js: functionBundle.banner },
      minify: functionBundle.minify,
      sourcemap: functionBundle.sourceMap,
      metafile: true,
      logLevel: 'silent',
    });
    ({ metafile, errors, outputFiles } = result);
  });

  it('builds every function of the topology without an error', () => {
    const built = Object.values(metafile.outputs).flatMap((output) =>
      output.entryPoint === undefined ? [] : [output.entryPoint],
    );
    expect(errors).toEqual([]);
    expect(built.sort()).toEqual([...entries].sort());
  });

  it('leaves nothing outside the bundle but Node.js itself, so the AWS SDK is the pinned one', () => {
    const external = Object.values(metafile.outputs)
      .flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path))
      .filter((name) => !builtinModules.includes(packageOf(name)));
    expect(external).toEqual([]);
  });

  it('starts with the banner that lets CommonJS dependencies require', () => {
    const bundles = outputFiles.filter((file) => file.path.endsWith('.js'));
    expect(bundles).toHaveLength(entries.length);
    for (const bundle of bundles) expect(bundle.text.startsWith(functionBundle.banner)).toBe(true);
  });

  /** The functions whose bundles keep code of the inputs whose path has `part`. */
  const carrying = (part: string) =>
    topology.functions
      .filter((fn) => {
        const output = Object.values(metafile.outputs).find((o) => o.entryPoint === fn.entry)!;
        return Object.entries(output.inputs).some(
          ([input, { bytesInOutput }]) => input.includes(part) && bytesInOutput > 0,
        );
      })
      .map((fn) => fn.name);

  it('carries the phone library only in the functions that read phone numbers', () => {
    expect(carrying('node_modules/libphonenumber-js/').sort()).toEqual([...phoneFunctions].sort());
  });

  it('carries the whole events catalogue only in the audit recorder, which reads every event (ADR 0036)', () => {
    // Every other consumer loads the definitions of the events it handles; an API loads none to narrow one.
    expect(carrying('shared/domain/event-catalogue.ts')).toEqual(['audit-recorder']);
  });
});
