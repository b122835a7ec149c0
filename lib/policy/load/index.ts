/**
 * Reading inputs: a plan JSON, a state JSON, a `cdk.tf.json`, a `cdktf.out/` directory (every stack of
 * its manifest) or standard input. Every bad input becomes one PolicyError naming the file and the
 * problem; nothing here prints.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PolicyError, PolicyErrorCodes } from '../errors';
import { readSuppressionsFile, SUPPRESSIONS_FILE } from '../suppressions-file';
import { isObject } from '../view';
import { LoadedInput, lineFinder } from './input';
import { loadPlan } from './plan';
import { loadState } from './state';
import { loadSynth, looksLikeSynth } from './synth';

export type { LoadedInput } from './input';
export { loadPlan } from './plan';
export { loadState } from './state';
export { loadSynth } from './synth';

/** Label of standard input in reports. */
export const STDIN = '<stdin>';

/** Parses JSON text, turning a syntax error into one clear line. */
export function parseJson(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new PolicyError(PolicyErrorCodes.INVALID_JSON, file, 'the file is empty', 'pass a plan JSON (`terraform show -json tfplan > plan.json`), a cdk.tf.json or a cdktf.out/ directory');
  try {
    return JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    const truncated = /end of (JSON )?input|Unterminated/i.test(msg) || (at !== null && Number(at[1]) >= body.trimEnd().length);
    throw new PolicyError(
      PolicyErrorCodes.INVALID_JSON,
      file,
      truncated ? `truncated JSON: the text ends before the document closes (${msg})` : `not valid JSON (${msg})`,
      'pass the complete output of `terraform show -json` or an unmodified cdk.tf.json',
    );
  }
}

/** What kind of document a parsed JSON value is. */
export function classify(json: unknown): 'plan' | 'state' | 'synth' | 'manifest' | undefined {
  if (!isObject(json)) return undefined;
  if ('resource_changes' in json || 'planned_values' in json) return 'plan';
  if (isObject(json.stacks) && typeof json.version === 'string') return 'manifest';
  if ('format_version' in json && ('values' in json || Object.keys(json).every((k) => k === 'format_version' || k === 'terraform_version'))) return 'state';
  if (looksLikeSynth(json)) return 'synth';
  return undefined;
}

/** Loads one parsed document (a plan, a state or one synthesized stack). */
export function loadDocument(json: unknown, file: string, stack?: string): LoadedInput {
  const kind = classify(json);
  const obj = json as Record<string, unknown>;
  switch (kind) {
    case 'plan':
      return loadPlan(obj, file);
    case 'state':
      return loadState(obj, file);
    case 'synth':
      return loadSynth(obj, file, stack);
    case 'manifest':
      throw new PolicyError(PolicyErrorCodes.UNKNOWN_INPUT, file, 'a cdktf manifest.json names its stacks by paths relative to its directory', 'pass the cdktf.out/ directory itself');
    default:
      throw new PolicyError(
        PolicyErrorCodes.UNKNOWN_INPUT,
        file,
        `valid JSON, but not a Terraform plan (no "resource_changes" or "planned_values"), state or synthesized cdktf stack${isObject(json) ? '' : ` (top level is ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json})`}`,
        'pass `terraform show -json tfplan` output, a cdk.tf.json or a cdktf.out/ directory',
      );
  }
}

/** Loads text already read (for example from standard input). */
export function loadText(text: string, file: string, stack?: string): LoadedInput {
  return withLines(loadDocument(parseJson(text, file), file, stack), text);
}

/** Adds the lazy line finder (SARIF locations) over the input's own text. */
function withLines(input: LoadedInput, text: string): LoadedInput {
  return { ...input, lineOf: lineFinder(text, (address) => (input.source === 'synth' ? `"${address.split('.').pop()}": {` : `"address": "${address}"`)) };
}

/** Reads standard input whole. */
export function readStdin(): string {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch (e) {
    throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, STDIN, `cannot read standard input (${(e as Error).message})`, 'pipe a plan JSON into `aira check -`');
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, file, `cannot read the input: ${why}`, 'check the path');
  }
}

/**
 * Loads a path: `-` (standard input), a plan / state / cdk.tf.json file, a cdktf `manifest.json`, or a
 * directory (`cdktf.out/` with a manifest, a folder of `stacks/*`, or one stack folder).
 */
export function loadPath(p: string, stdin: () => string = readStdin, onFile?: OnFileLoaded): LoadedInput[] {
  const done = (inputs: LoadedInput[]): LoadedInput[] => {
    if (onFile) inputs.forEach((x, i) => onFile(x.file, i + 1, inputs.length));
    return inputs;
  };
  if (p === '-') return done([loadText(stdin(), STDIN)]);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, p, 'cannot read the input: no such file or directory', 'check the path');
  }
  if (stat.isDirectory()) return loadDirectory(p, onFile);
  const text = readText(p);
  const json = parseJson(text, p);
  if (classify(json) === 'manifest') return loadManifest(json as Record<string, unknown>, path.dirname(p), p, onFile);
  const input = withLines(loadDocument(json, p, classify(json) === 'synth' ? stackNameOf(p) : undefined), text);
  return done([input.source === 'synth' ? withStackSuppressions(input, path.dirname(p)) : input]);
}

/**
 * Called after each file of a path is loaded, with its position among the path's files (a
 * `cdktf.out/` holds one per stack): the CLI's progress line on a terminal.
 */
export type OnFileLoaded = (file: string, done: number, total: number) => void;

/** `network-aws` of `.../stacks/network-aws/cdk.tf.json`. */
function stackNameOf(file: string): string | undefined {
  const dir = path.dirname(path.resolve(file));
  return path.basename(path.dirname(dir)) === 'stacks' ? path.basename(dir) : undefined;
}

function withStackSuppressions(input: LoadedInput, dir: string): LoadedInput {
  const file = path.join(dir, SUPPRESSIONS_FILE);
  if (!fs.existsSync(file)) return input;
  return { ...input, suppressions: readSuppressionsFile(file) };
}

function loadDirectory(dir: string, onFile?: OnFileLoaded): LoadedInput[] {
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const json = parseJson(readText(manifest), manifest);
    if (classify(json) !== 'manifest') throw new PolicyError(PolicyErrorCodes.UNKNOWN_INPUT, manifest, 'not a cdktf manifest (no "stacks" and "version")', 'pass a cdktf.out/ directory written by `cdktf synth`');
    return loadManifest(json as Record<string, unknown>, dir, manifest, onFile);
  }
  const stacksDir = path.join(dir, 'stacks');
  if (fs.existsSync(stacksDir) && fs.statSync(stacksDir).isDirectory()) {
    const files = fs
      .readdirSync(stacksDir)
      .sort()
      .map((s) => path.join(stacksDir, s, 'cdk.tf.json'))
      .filter((f) => fs.existsSync(f));
    if (files.length) return files.map((f, i) => loadSynthFile(f, path.basename(path.dirname(f)), onFile && (() => onFile(f, i + 1, files.length))));
  }
  const single = path.join(dir, 'cdk.tf.json');
  if (fs.existsSync(single)) return [loadSynthFile(single, path.basename(path.resolve(dir)), onFile && (() => onFile(single, 1, 1)))];
  throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, dir, 'the directory holds no cdktf stacks (no manifest.json, stacks/*/cdk.tf.json or cdk.tf.json)', 'run `cdktf synth` first, or pass the plan JSON file');
}

function loadSynthFile(file: string, stack: string, loaded?: () => void): LoadedInput {
  const input = withStackSuppressions(loadText(readText(file), file, stack), path.dirname(file));
  loaded?.();
  return input;
}

function loadManifest(json: Record<string, unknown>, dir: string, file: string, onFile?: OnFileLoaded): LoadedInput[] {
  const stacks = Object.values(json.stacks as Record<string, unknown>)
    .filter(isObject)
    .map((s) => ({ name: String(s.name ?? ''), stackPath: s.synthesizedStackPath }))
    .filter((s): s is { name: string; stackPath: string } => typeof s.stackPath === 'string')
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!stacks.length) throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, file, 'the manifest lists no stacks', 'run `cdktf synth` with at least one stack');
  return stacks.map((s, i) => {
    const f = path.join(dir, s.stackPath);
    return loadSynthFile(f, s.name, onFile && (() => onFile(f, i + 1, stacks.length)));
  });
}
