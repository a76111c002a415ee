/**
 * Reads the simulator's public API out of its TypeScript source, so the API
 * reference page is generated from the same TSDoc the editor shows on hover and
 * cannot drift from the code.
 *
 * Runs at build time (and in unit tests) with the `typescript` compiler API: one
 * Program over `src/sim/index.ts`, then every export of that barrel, resolved
 * through its re-export to the declaration that carries the comment.
 */

import ts from 'typescript';
import path from 'node:path';

/** What kind of thing an export is, as the reference page groups it. */
export type ApiKind = 'function' | 'class' | 'interface' | 'type' | 'const';

/** A documented member of a class or interface (method, property, field). */
export interface ApiMember {
  name: string;
  /** `acquire(): LockAcquireOp`, `cpus?: number`, … */
  signature: string;
  /** The member's TSDoc text ('' when it has none). */
  doc: string;
}

/** One export of the simulator's barrel, with everything the page shows about it. */
export interface ApiEntry {
  name: string;
  kind: ApiKind;
  /** Whether the export exists only at the type level (`export type`). */
  typeOnly: boolean;
  /** The barrel's section banner above the export ("Writing scenarios", …). */
  section: string;
  /** Declaration as TypeScript prints it, comments removed. */
  signature: string;
  /** The TSDoc text ('' when the declaration has none). */
  doc: string;
  /** `@param name text` tags. */
  params: { name: string; doc: string }[];
  /** `@example` tags, code as written. */
  examples: string[];
  /** Documented members of classes and interfaces. */
  members: ApiMember[];
  /** Source file of the declaration, relative to the project root. */
  source: string;
}

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

// Building a Program takes about a second; every ApiReference on a page shares one.
const cache = new Map<string, ApiEntry[]>();

/** Every export of the barrel at `entryFile` (default: the simulator's `src/sim/index.ts`), in source order. */
export function extractApi(entryFile = path.join(process.cwd(), 'src/sim/index.ts')): ApiEntry[] {
  const cached = cache.get(entryFile);
  if (cached) return cached;
  const program = ts.createProgram([entryFile], compilerOptions);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  if (!source) throw new Error(`tsdoc: cannot read ${entryFile}`);
  const root = path.dirname(path.dirname(path.dirname(entryFile)));
  const entries: ApiEntry[] = [];
  for (const { name, section, typeOnly, specifier } of barrelExports(source)) {
    const symbol = checker.getExportSpecifierLocalTargetSymbol(specifier);
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!target?.declarations?.length) throw new Error(`tsdoc: cannot resolve export "${name}" of ${entryFile}`);
    entries.push(describe(name, section, typeOnly, target, checker, root));
  }
  cache.set(entryFile, entries);
  return entries;
}

/** Look up one entry by export name; throws (failing the build) if there is no such export. */
export function apiEntry(name: string, entries = extractApi()): ApiEntry {
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`ApiReference: "${name}" is not an export of gilsim`);
  return entry;
}

interface BarrelExport {
  name: string;
  section: string;
  typeOnly: boolean;
  specifier: ts.ExportSpecifier;
}

/** The `export { … } from` lines of the barrel, each tagged with the `// ---- Section ----` banner above it. */
function barrelExports(source: ts.SourceFile): BarrelExport[] {
  const text = source.getFullText();
  const found: BarrelExport[] = [];
  let section = 'Exports';
  for (const statement of source.statements) {
    for (const range of ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []) {
      const banner = /^\/\/\s*-+\s*(.+?)\s*-+\s*$/.exec(text.slice(range.pos, range.end));
      if (banner) section = banner[1];
    }
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const specifier of statement.exportClause.elements) {
      found.push({
        name: specifier.name.text,
        section,
        typeOnly: statement.isTypeOnly || specifier.isTypeOnly,
        specifier,
      });
    }
  }
  return found;
}

const printer = ts.createPrinter({ removeComments: true });

// Keep `RuntimeName` as a name instead of expanding it into its eleven string literals.
const typeFormat = ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.NoTruncation;

/** A declaration printed without comments and without its `export` keyword. */
function printDeclaration(declaration: ts.Declaration, sourceFile: ts.SourceFile): string {
  return printer.printNode(ts.EmitHint.Unspecified, declaration, sourceFile).replace(/^export\s+/, '');
}

function describe(
  name: string, section: string, typeOnly: boolean, symbol: ts.Symbol, checker: ts.TypeChecker, root: string,
): ApiEntry {
  const declaration = symbol.declarations![0];
  const sourceFile = declaration.getSourceFile();
  const tags = symbol.getJsDocTags(checker);
  const entry: ApiEntry = {
    name,
    kind: kindOf(declaration),
    typeOnly,
    section,
    signature: '',
    doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
    params: tags.filter((tag) => tag.name === 'param').map(paramTag),
    examples: tags.filter((tag) => tag.name === 'example').map((tag) => ts.displayPartsToString(tag.text).trim()),
    members: [],
    source: path.relative(root, sourceFile.fileName),
  };
  switch (entry.kind) {
    case 'function':
      entry.signature = functionSignature(name, symbol, declaration as ts.FunctionDeclaration, checker);
      break;
    case 'class':
      entry.signature = classSignature(name, declaration as ts.ClassDeclaration, checker);
      entry.members = members(checker.getDeclaredTypeOfSymbol(symbol), checker, declaration);
      break;
    case 'interface':
      entry.members = members(checker.getDeclaredTypeOfSymbol(symbol), checker, declaration);
      entry.signature = printDeclaration(declaration, sourceFile);
      // The members table lists the fields with their docs; the signature needs only the head.
      if (entry.members.length > 0) entry.signature = entry.signature.split('\n')[0].replace(/\s*\{\s*$/, '');
      break;
    case 'type':
      entry.signature = printDeclaration(declaration, sourceFile);
      break;
    case 'const':
      entry.signature = `const ${name}: ${constType(declaration, symbol, checker)}`;
      break;
  }
  return entry;
}

/**
 * A function's signature as written (so `RuntimeName` stays a name and defaults show),
 * or the checker's when the source leaves the return type to inference.
 */
function functionSignature(name: string, symbol: ts.Symbol, declaration: ts.FunctionDeclaration, checker: ts.TypeChecker): string {
  if (declaration.type) {
    const bodiless = ts.factory.updateFunctionDeclaration(
      declaration, undefined, declaration.asteriskToken, declaration.name, declaration.typeParameters,
      declaration.parameters, declaration.type, undefined,
    );
    return printer.printNode(ts.EmitHint.Unspecified, bodiless, declaration.getSourceFile()).replace(/;\s*$/, '');
  }
  return checker
    .getSignaturesOfType(checker.getTypeOfSymbolAtLocation(symbol, declaration), ts.SignatureKind.Call)
    .map((signature) => `function ${name}${checker.signatureToString(signature, undefined, typeFormat)}`)
    .join('\n');
}

/** The type a reader should see for a constant: its annotation or `as` type if written, else the checker's. */
function constType(declaration: ts.Declaration, symbol: ts.Symbol, checker: ts.TypeChecker): string {
  if (ts.isVariableDeclaration(declaration)) {
    if (declaration.type) return declaration.type.getText();
    const initializer = declaration.initializer;
    if (initializer && ts.isAsExpression(initializer)) return initializer.type.getText();
  }
  const type = checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), undefined, typeFormat);
  // Object-literal tables (the runtime presets) are listed on the page instead of printed here.
  return type.length > 160 ? '{ … }' : type;
}

function kindOf(declaration: ts.Declaration): ApiKind {
  if (ts.isFunctionDeclaration(declaration)) return 'function';
  if (ts.isClassDeclaration(declaration)) return 'class';
  if (ts.isInterfaceDeclaration(declaration)) return 'interface';
  if (ts.isTypeAliasDeclaration(declaration)) return 'type';
  return 'const';
}

function paramTag(tag: ts.JSDocTagInfo): { name: string; doc: string } {
  const parts = tag.text ?? [];
  const paramName = parts.find((part) => part.kind === 'parameterName')?.text ?? '';
  const doc = parts.filter((part) => part.kind !== 'parameterName').map((part) => part.text).join('').trim();
  return { name: paramName, doc };
}

/** `class Lock<…> { constructor(name?: string) }`: the class head and its constructors. */
function classSignature(name: string, declaration: ts.ClassDeclaration, checker: ts.TypeChecker): string {
  const typeParameters = declaration.typeParameters?.map((parameter) => parameter.getText()).join(', ');
  const head = `class ${name}${typeParameters ? `<${typeParameters}>` : ''}`;
  const classType = checker.getTypeOfSymbolAtLocation(checker.getSymbolAtLocation(declaration.name!)!, declaration);
  const constructors = checker
    .getSignaturesOfType(classType, ts.SignatureKind.Construct)
    .map((signature) => `new ${name}${checker.signatureToString(signature).replace(/:\s*[^:]*$/, '')}`);
  return [head, ...constructors].join('\n');
}

/** The type annotation as written in the source, if the declaration has one. */
function writtenType(declaration: ts.Declaration): string | undefined {
  const node = (declaration as { type?: ts.TypeNode }).type;
  return node ? node.getText().replace(/\s+/g, ' ') : undefined;
}

/** Public members declared in the class or interface itself (not inherited), with their docs. */
function members(type: ts.Type, checker: ts.TypeChecker, owner: ts.Declaration): ApiMember[] {
  const result: ApiMember[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const declaration = property.declarations?.[0];
    if (!declaration || declaration.parent !== owner) continue;
    const modifiers = ts.canHaveModifiers(declaration) ? ts.getModifiers(declaration) ?? [] : [];
    if (modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword)) continue;
    if (property.name.startsWith('#')) continue;
    const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
    const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
    const signature = ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)
      ? checker
        .getSignaturesOfType(propertyType, ts.SignatureKind.Call)
        .map((call) => `${property.name}${checker.signatureToString(call)}`)
        .join('\n')
      : `${property.name}${optional}: ${writtenType(declaration) ?? checker.typeToString(propertyType, undefined, typeFormat)}`;
    result.push({ name: property.name, signature, doc: ts.displayPartsToString(property.getDocumentationComment(checker)).trim() });
  }
  return result;
}
