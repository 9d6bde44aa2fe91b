import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Where in the domain an event is made: the file (under `shared/domain/`) and the function. */
export interface EventProducer {
  readonly file: string;
  readonly fn: string;
}

const domainFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return domainFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });

/** The program of the domain's files, with the project's compiler options. */
function domainProgram(root: string): ts.Program {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  // Node's types are not needed to tell event names apart, and loading them doubles the time.
  return ts.createProgram(domainFiles(path.join(root, 'shared/domain')), {
    ...options,
    noEmit: true,
    types: [],
  });
}

/** A factory made by `eventFactory(…)`: the calls of it are where events are made. */
function isEventFactory(checker: ts.TypeChecker, callee: ts.Expression): boolean {
  const found = checker.getSymbolAtLocation(callee);
  if (!found) return false;
  const symbol = found.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(found) : found;
  return (symbol.declarations ?? []).some(
    (declaration) =>
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer !== undefined &&
      ts.isCallExpression(declaration.initializer) &&
      declaration.initializer.expression.getText() === 'eventFactory',
  );
}

/** The event names an argument can be: its literal type, or the literals of its union or constraint. */
function namesOf(checker: ts.TypeChecker, argument: ts.Expression): string[] {
  const type = checker.getTypeAtLocation(argument);
  const resolved =
    type.flags & ts.TypeFlags.TypeParameter ? (checker.getBaseConstraintOfType(type) ?? type) : type;
  const types = resolved.isUnion() ? resolved.types : [resolved];
  return types.flatMap((t) => (t.isStringLiteral() ? [t.value] : []));
}

/** The named function a call is in: `Class.method`, a function, or a function held by a variable. */
function enclosingFunction(node: ts.Node): string {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isMethodDeclaration(at) && at.name && ts.isClassLike(at.parent)) {
      return `${at.parent.name?.getText() ?? '(class)'}.${at.name.getText()}`;
    }
    if (ts.isFunctionDeclaration(at) && at.name) return at.name.getText();
    if (ts.isVariableDeclaration(at) && at.initializer && ts.isArrowFunction(at.initializer))
      return at.name.getText();
  }
  return '(module)';
}

/**
 * Where each event is made: every call of a module's event factory in
 * `shared/domain/`, with the names its event-name argument can take (a
 * literal, a choice of literals, or a parameter typed by a union of names).
 */
export function eventProducers(root: string): Map<string, EventProducer[]> {
  const program = domainProgram(root);
  const checker = program.getTypeChecker();
  const domain = path.join(root, 'shared/domain');
  const producers = new Map<string, EventProducer[]>();
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(domain)) continue;
    const file = path.relative(domain, source.fileName);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && isEventFactory(checker, node.expression)) {
        const argument = node.arguments[2];
        for (const name of argument ? namesOf(checker, argument) : []) {
          const producer = { file, fn: enclosingFunction(node) };
          const known = producers.get(name) ?? [];
          if (!known.some((p) => p.file === producer.file && p.fn === producer.fn)) known.push(producer);
          producers.set(name, known);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return producers;
}
