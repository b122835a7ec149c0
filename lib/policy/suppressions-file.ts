/**
 * Suppression files. Synth writes `aira-suppressions.json` beside each stack's `cdk.tf.json`, keyed by
 * Terraform address, from `Suppressions.of(construct)` in code; users may also write one by hand, in
 * JSON or YAML, as a list of `{ id, address, reason }`. Both shapes are read from both syntaxes.
 */
import * as fs from 'fs';
import { PolicyError, PolicyErrorCodes } from './errors';
import { Suppression } from './types';
import { isObject } from './view';
import { YamlError, parseYaml } from './yaml';

/** File name synth writes beside each stack's cdk.tf.json. */
export const SUPPRESSIONS_FILE = 'aira-suppressions.json';
/** Version of the file's shape. */
export const SUPPRESSIONS_FILE_VERSION = 1;
/** Shortest reason accepted: a suppression must say why (cdk-nag uses the same floor). */
export const MIN_REASON_LENGTH = 10;

/** One entry of the file synth writes. */
export interface WrittenSuppression {
  readonly id: string;
  readonly reason: string;
  readonly constructPath: string;
}

/** The JSON synth writes to `cdktf.out/stacks/<stack>/aira-suppressions.json`. */
export interface SuppressionsFileJson {
  readonly version: typeof SUPPRESSIONS_FILE_VERSION;
  readonly tool: 'aira';
  readonly stack: string;
  /** Terraform address -> suppressions covering it. */
  readonly suppressions: Readonly<Record<string, readonly WrittenSuppression[]>>;
  /** Suppressions whose construct holds no resource they could apply to. */
  readonly unmatched: readonly WrittenSuppression[];
}

/** Whether a reason is long enough; returns the problem or undefined. */
export function reasonProblem(reason: unknown): string | undefined {
  if (typeof reason !== 'string') return 'has no reason';
  if (reason.trim().length < MIN_REASON_LENGTH) return `has a reason under ${MIN_REASON_LENGTH} characters ("${reason.trim()}")`;
  return undefined;
}

/** Reads a suppressions file (JSON, or YAML for `.yaml` / `.yml` and any text that is not JSON). */
export function readSuppressionsFile(file: string): Suppression[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PolicyError(PolicyErrorCodes.UNREADABLE_INPUT, file, `cannot read the suppressions file: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, 'check the --suppressions path');
  }
  return parseSuppressionsText(text, file);
}

/** Parses suppressions from text (JSON or the YAML subset). */
export function parseSuppressionsText(text: string, file: string): Suppression[] {
  const yaml = /\.ya?ml$/i.test(file) || !/^\s*[{[]/.test(text);
  let doc: unknown;
  try {
    doc = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    const problem = e instanceof YamlError ? `not valid YAML (${e.message})` : `not valid JSON (${(e as Error).message})`;
    throw new PolicyError(PolicyErrorCodes.INVALID_JSON, file, problem, 'write suppressions as a list of { id, address, reason }');
  }
  return parseSuppressions(doc, file);
}

/** Suppressions from a parsed document of either shape. */
export function parseSuppressions(doc: unknown, file: string): Suppression[] {
  const body = isObject(doc) ? doc.suppressions : doc;
  const out: Suppression[] = [];
  const bad = (i: string, problem: string): never => {
    throw new PolicyError(PolicyErrorCodes.INVALID_SUPPRESSION, file, `suppression ${i} ${problem}`, `give each suppression an id (rule id), an address and a reason of at least ${MIN_REASON_LENGTH} characters`);
  };
  const entry = (e: unknown, where: string, address?: unknown): void => {
    if (!isObject(e)) bad(where, 'is not a mapping');
    const s = e as Record<string, unknown>;
    const addr = address ?? s.address;
    if (typeof s.id !== 'string' || s.id.trim() === '') bad(where, 'has no id');
    if (typeof addr !== 'string') bad(where, 'has no address');
    const problem = reasonProblem(s.reason);
    if (problem) bad(where, problem);
    out.push({
      id: (s.id as string).trim(),
      address: (addr as string).trim(),
      reason: (s.reason as string).trim(),
      origin: file,
      ...(typeof s.constructPath === 'string' ? { constructPath: s.constructPath } : {}),
    });
  };
  if (Array.isArray(body)) {
    body.forEach((e, i) => entry(e, `#${i + 1}`));
  } else if (isObject(body)) {
    for (const [address, list] of Object.entries(body)) {
      if (!Array.isArray(list)) bad(`for ${address}`, 'is not a list');
      (list as unknown[]).forEach((e, i) => entry(e, `#${i + 1} of ${address}`, address));
    }
  } else if (body !== undefined && body !== null) {
    bad('list', 'is neither a list nor a mapping of addresses');
  }
  // Suppressions synth could not attach to any resource: kept with an empty address, so the engine
  // reports them as matching nothing.
  if (isObject(doc) && Array.isArray(doc.unmatched)) {
    doc.unmatched.forEach((e, i) => entry(e, `unmatched #${i + 1}`, ''));
  }
  return out;
}
