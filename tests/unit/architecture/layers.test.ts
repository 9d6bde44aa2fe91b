import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportGraph, readImportGraph } from './import-graph';
import { breachesOf, importCycles, layerRules } from './layer-rules';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const graph = readImportGraph(projectRoot, ['shared', 'functions', 'lib', 'bin']);

describe('the import graph of shared/, functions/, lib/ and bin/', () => {
  it('follows the package.json import aliases to their files', () => {
    // Act
    const errorsImport = graph.edges.find(
      (e) => e.from === 'shared/domain/accounts/account.ts' && e.specifier === '#domain/errors',
    );

    // Assess
    expect(errorsImport?.to).toEqual({ kind: 'file', path: 'shared/domain/errors.ts' });
  });

  it('has only imports that resolve', () => {
    expect(breachesOf(graph, layerRules.resolves)).toEqual([]);
  });

  it('keeps the domain to itself, Node built-ins and pure packages', () => {
    expect(breachesOf(graph, layerRules.pureDomain)).toEqual([]);
  });

  it('keeps lib/ out of shared/', () => {
    expect(breachesOf(graph, layerRules.sharedWithoutLib)).toEqual([]);
  });

  it('keeps shared/runtime out of shared/api', () => {
    expect(breachesOf(graph, layerRules.apiWithoutRuntime)).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the layer rules', () => {
  const file = (path: string) => ({ kind: 'file' as const, path });
  const sample: ImportGraph = {
    files: [
      'shared/domain/a.ts',
      'shared/domain/b.ts',
      'shared/domain/c.ts',
      'shared/http/auth.ts',
      'shared/api/x.ts',
    ],
    edges: [
      { from: 'shared/domain/a.ts', specifier: './b', to: file('shared/domain/b.ts') },
      { from: 'shared/domain/b.ts', specifier: './c', to: file('shared/domain/c.ts') },
      { from: 'shared/domain/c.ts', specifier: './a', to: file('shared/domain/a.ts') },
      { from: 'shared/domain/a.ts', specifier: '#http/auth', to: file('shared/http/auth.ts') },
      { from: 'shared/domain/b.ts', specifier: 'zod', to: { kind: 'package', name: 'zod' } },
      {
        from: 'shared/domain/b.ts',
        specifier: '@aws-sdk/lib-dynamodb',
        to: { kind: 'package', name: '@aws-sdk/lib-dynamodb' },
      },
      { from: 'shared/domain/c.ts', specifier: 'node:crypto', to: { kind: 'builtin', name: 'node:crypto' } },
      { from: 'shared/api/x.ts', specifier: '#domain/a', to: file('shared/domain/a.ts') },
    ],
  };

  it('name each import that breaks a rule, where it leads and the rule', () => {
    // Act
    const breaches = breachesOf(sample, layerRules.pureDomain);

    // Assess
    expect(breaches).toEqual([
      `shared/domain/a.ts imports '#http/auth' (shared/http/auth.ts), but ${layerRules.pureDomain.says}`,
      `shared/domain/b.ts imports '@aws-sdk/lib-dynamodb' (@aws-sdk/lib-dynamodb), but ${layerRules.pureDomain.says}`,
    ]);
  });

  it('show each import cycle as its shortest loop', () => {
    // Act
    const cycles = importCycles(sample);

    // Assess
    expect(cycles).toEqual([
      'shared/domain/a.ts → shared/domain/b.ts → shared/domain/c.ts → shared/domain/a.ts',
    ]);
  });

  it('find a file that imports itself', () => {
    // Prepare
    const selfImport: ImportGraph = {
      files: ['lib/x.ts'],
      edges: [{ from: 'lib/x.ts', specifier: './x', to: file('lib/x.ts') }],
    };

    // Act
    const cycles = importCycles(selfImport);

    // Assess
    expect(cycles).toEqual(['lib/x.ts → lib/x.ts']);
  });
});
