import { builtinModules } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BundleMeasure, bundleLimit, measureBundles } from '../../lib/bundles/bundle-budget';
import { floorSource } from '../../lib/bundles/bundle-floor';
import { overBudgetCeilingsKiB } from '../../lib/bundles/over-budget';
import { functionBundle } from '../../lib/constructs/function-bundle';
import { projectRoot } from '../../lib/constructs/gridline-function';
import { topology } from '../../lib/topology';
import { documentLibraryNames } from '../../lib/topology-types';

const ceilingOf = (name: string): number | undefined => {
  const ceiling = overBudgetCeilingsKiB[name];
  return ceiling === undefined ? undefined : ceiling * 1024;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

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

// One build of every function (one esbuild run, as a synth builds each alone) for the bundles' contents and sizes;
// a function that does not build fails every test here.
let measures: BundleMeasure[];
beforeAll(async () => {
  measures = await measureBundles(projectRoot, topology.functions);
}, 180_000);

/** The functions whose bundles keep code of an input whose path has `part`. */
const carrying = (part: string) =>
  measures.filter((m) => m.bundle.inputs.some((input) => input.includes(part))).map((m) => m.bundle.name);

describe('the function bundles', () => {
  it('leaves nothing outside the bundle but Node.js itself, so the AWS SDK is the pinned one', () => {
    const external = measures
      .flatMap((m) => m.bundle.externalImports)
      .filter((name) => !builtinModules.includes(packageOf(name)));
    expect(external).toEqual([]);
  });

  it('starts with the banner that lets CommonJS dependencies require', () => {
    const banner = new TextEncoder().encode(functionBundle.banner);
    for (const m of measures) expect(m.bundle.code.subarray(0, banner.length)).toEqual(banner);
  });

  it('carries the phone library only in the functions that read phone numbers', () => {
    expect(carrying('node_modules/libphonenumber-js/').toSorted()).toEqual([...phoneFunctions].toSorted());
  });

  it('builds a module’s admin routes only in its API, not in the public function beside it', () => {
    // Module-level schemas are built whether read or not, so a public route keeps files of its own.
    expect(carrying('shared/api/sales/lead-sources-routes.ts')).toEqual(['sales-api']);
    expect(carrying('shared/api/contracts/contracts-routes.ts')).toEqual(['contracts-api']);
    expect(carrying('shared/api/newsletters/newsletters-routes.ts')).toEqual(['newsletters-api']);
  });

  it('carries the problem types only in the functions that answer HTTP', () => {
    // A queue consumer meets an HttpError only through the table code it shares with the APIs.
    const answering = topology.functions.filter((f) => f.trigger.kind === 'http').map((f) => f.name);
    expect(carrying('shared/http/problem-types.ts').toSorted()).toEqual(answering.toSorted());
  });

  it('carries the whole events catalogue only in the audit recorder, which reads every event (ADR 0036)', () => {
    // Every other consumer loads the definitions of the events it handles; an API loads none to narrow one.
    expect(carrying('shared/domain/event-catalogue.ts')).toEqual(['audit-recorder']);
  });
});

describe('the bundle budget (ADR 0022)', () => {
  // Sizes are deterministic: the same sources and lock file build the same bytes.

  it('allows 1.3 times the floor, or 500 KiB while the floor is under 384 KiB', () => {
    expect(bundleLimit(300 * 1024)).toBe(500 * 1024);
    expect(bundleLimit(383 * 1024)).toBe(500 * 1024);
    expect(bundleLimit(384 * 1024)).toBe(Math.floor(1.3 * 384 * 1024));
    expect(bundleLimit(600 * 1024)).toBe(Math.floor(1.3 * 600 * 1024));
  });

  it('builds the floor from what the function talks to, the shared runtime and its declared libraries', () => {
    const source = floorSource(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'], ['pdfkit']);
    expect(source).toContain('new DynamoDBClient');
    expect(source).toContain('DynamoDBDocumentClient.from');
    expect(source).toContain("from '@aws-lambda-powertools/logger'");
    expect(source).toContain("from 'pdfkit'");
    expect(floorSource(['@aws-sdk/client-dynamodb'], [], { sharedRuntime: false })).not.toContain(
      'powertools',
    );
    expect(() => floorSource(['@aws-sdk/client-unknown'], [])).toThrow(/no floor part/);
  });

  it('keeps every function within its budget, or a listed one within its ceiling', () => {
    const over = measures
      .filter((m) => m.bundle.bytes > (ceilingOf(m.bundle.name) ?? m.limitBytes))
      .map(
        (m) =>
          `${m.bundle.name}: ${kib(m.bundle.bytes)} > ${kib(ceilingOf(m.bundle.name) ?? m.limitBytes)} (floor ${kib(m.floor.bytes)})`,
      );
    expect(over).toEqual([]);
  });

  it('lists as over budget only functions still over it, so the list only shrinks', () => {
    const listedWithin = measures
      .filter((m) => ceilingOf(m.bundle.name) !== undefined && m.bundle.bytes <= m.limitBytes)
      .map((m) => `${m.bundle.name}: ${kib(m.bundle.bytes)} ≤ ${kib(m.limitBytes)}`);
    const unknown = Object.keys(overBudgetCeilingsKiB).filter(
      (name) => !topology.functions.some((definition) => definition.name === name),
    );
    expect([...listedWithin, ...unknown]).toEqual([]);
  });

  it('declares a document library only where the bundle carries it, so no floor is padded', () => {
    const padded = measures
      .filter((m) => m.unusedDocumentLibraries.length > 0)
      .map((m) => `${m.bundle.name}: ${m.unusedDocumentLibraries.join(', ')}`);
    expect(padded).toEqual([]);
  });

  it('carries a document library only where the topology declares it', () => {
    const undeclared = topology.functions.flatMap((definition, index) => {
      const carried = documentLibraryNames.filter(
        (library) => library in measures[index]!.bundle.packageBytes,
      );
      const declared: readonly string[] = definition.documentLibraries ?? [];
      return carried.filter((library) => !declared.includes(library)).map((l) => `${definition.name}: ${l}`);
    });
    expect(undeclared).toEqual([]);
  });
});
