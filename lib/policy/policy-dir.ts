/**
 * A user's own rules and packs (`aira check --policy-dir DIR`): every `.js`, `.cjs` or `.ts` module in
 * the folder (recursively, tests and declaration files excepted) whose exports are rules, packs or
 * arrays of them. TypeScript is loaded through a registered loader (ts-node, swc, jest) or, failing
 * that, transpiled with the `typescript` package the user's project has.
 */
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import { PolicyError, PolicyErrorCodes } from './errors';
import { isPackLike, isRuleLike, validatePack, validateRule } from './rules';
import { Pack, Rule } from './types';

/** Rules and packs found in a folder. */
export interface PolicyDirContents {
  readonly rules: Rule[];
  readonly packs: Pack[];
}

const MODULE_FILE = /\.(c?js|ts)$/;
const SKIPPED = /(\.d\.ts|\.test\.[cm]?[jt]s|\.spec\.[cm]?[jt]s)$/;

/** Loads every rule and pack a folder exports. */
export function loadPolicyDir(dir: string): PolicyDirContents {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, dir, '--policy-dir is not a directory', 'pass the folder that holds your rule modules');
  }
  const rules: Rule[] = [];
  const packs: Pack[] = [];
  for (const file of moduleFiles(dir)) {
    const exported = requireModule(file);
    const rel = path.relative(process.cwd(), file) || file;
    for (const x of flatten(exported)) {
      if (isRuleLike(x)) rules.push(validateRule(x, rel));
      else if (isPackLike(x)) packs.push(validatePack(x, rel));
    }
  }
  return { rules, packs };
}

function moduleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) out.push(...moduleFiles(p));
    else if (e.isFile() && MODULE_FILE.test(e.name) && !SKIPPED.test(e.name)) out.push(p);
  }
  return out;
}

/** Export values of a module: default, named, and arrays of either. */
function flatten(exported: unknown): unknown[] {
  if (Array.isArray(exported)) return exported.flatMap(flatten);
  if (isRuleLike(exported) || isPackLike(exported)) return [exported];
  if (typeof exported !== 'object' || exported === null) return [];
  const out: unknown[] = [];
  for (const v of Object.values(exported)) {
    if (Array.isArray(v)) out.push(...v.filter((x) => isRuleLike(x) || isPackLike(x)));
    else if (isRuleLike(v) || isPackLike(v)) out.push(v);
  }
  return [...new Set(out)];
}

function requireModule(file: string): unknown {
  const abs = path.resolve(file);
  const ts = abs.endsWith('.ts');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- user modules are found at run time
    if (!ts || require.extensions['.ts']) return require(abs);
    return compileTypeScript(abs);
  } catch (e) {
    if (e instanceof PolicyError) throw e;
    throw new PolicyError(PolicyErrorCodes.INVALID_RULE, file, `cannot load the module (${firstLine(e)})`, 'fix the module so `node` can require it');
  }
}

/** Transpiles a TypeScript rule module with the user's `typescript` package and loads it. */
function compileTypeScript(file: string): unknown {
  let ts: { transpileModule(src: string, o: object): { outputText: string }; ModuleKind: { CommonJS: number }; ScriptTarget: { ES2020: number } };
  try {
    const from = [path.dirname(file), process.cwd()];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, the user's own compiler
    ts = require(require.resolve('typescript', { paths: from }));
  } catch {
    throw new PolicyError(PolicyErrorCodes.INVALID_RULE, file, 'a TypeScript rule module needs the `typescript` package, which is not installed', 'compile your rules to .js, or install typescript in the project');
  }
  const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  (m as unknown as { _compile(code: string, file: string): void })._compile(out.outputText, file);
  return m.exports;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
