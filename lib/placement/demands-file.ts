/**
 * Reads a demands file: JSON, or a small YAML subset (the project has no YAML parser dependency).
 *
 * The YAML subset, which is enough for a list of flat demands:
 * ```yaml
 * # comments on their own line or after a space
 * demands:                # optional wrapper key; a bare top-level list works too
 *   - id: llm-train       # each "- " starts a demand
 *     accelerator: H100
 *     count: 64
 *     clouds: [aws, azure]   # flow lists of scalars
 *     residency:             # or block lists, indented deeper than their key
 *       - eu-*
 *       - swedencentral
 *     maxUsdPerHour: 900
 * ```
 * Scalars: numbers, `true`/`false`, plain strings, and 'single' or "double" quoted strings (no escapes).
 * Not supported (rejected with the line number): nested mappings, anchors, multi-line strings, tabs.
 */
import * as fs from 'fs';
import { AiraError, ErrorCodes } from '../core/errors';
import type { WorkloadDemand } from './types';

const KEYS: Record<keyof WorkloadDemand, 'string' | 'number' | 'list'> = {
  id: 'string', accelerator: 'string', count: 'number', unit: 'string', minInterconnectGbps: 'number', minAcceleratorMemoryGb: 'number',
  residency: 'list', clouds: 'list', maxUsdPerHour: 'number', maxGco2PerKwh: 'number', capacity: 'string', zones: 'number',
};

function fail(where: string, problem: string, fix: string): never {
  throw new AiraError(ErrorCodes.INVALID_PROP, where, problem, fix);
}

function scalar(s: string, where: string): string | number | boolean {
  const q = /^'([^']*)'$/.exec(s) ?? /^"([^"\\]*)"$/.exec(s);
  if (q) return q[1];
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s === 'true' || s === 'false') return s === 'true';
  // A plain scalar: no YAML indicator first (anchors, aliases, tags, block scalars, flow collections).
  if (s !== '' && !/^[&*!|>%@`'"[\]{},?:]/.test(s) && !s.includes(': ')) return s;
  return fail(where, `value ${s} is outside the supported YAML subset`, 'use a plain or quoted scalar, or a [a, b] list of them');
}

function value(s: string, where: string): unknown {
  const flow = /^\[(.*)\]$/.exec(s);
  if (!flow) return scalar(s, where);
  return flow[1].trim() === '' ? [] : flow[1].split(',').map((x) => scalar(x.trim(), where));
}

/** Parses the documented YAML subset into a list of flat records. */
export function parseYamlSubset(text: string, name: string): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [];
  let cur: Record<string, unknown> | undefined;
  let itemIndent = -1;
  let listKey: { key: string; indent: number } | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const where = `${name}:${i + 1}`;
    const line = raw.replace(/(^|\s)#(?=(?:[^'"]|'[^']*'|"[^"]*")*$).*$/, '').trimEnd();
    if (line.trim() === '') return;
    const indent = line.length - line.trimStart().length;
    if (line.slice(0, indent).includes('\t')) fail(where, 'a tab in the indentation', 'indent with spaces');
    let body = line.trim();
    if (indent === 0 && body === 'demands:' && items.length === 0) return;
    let keyIndent = indent;
    if (body === '-' || body.startsWith('- ')) {
      if (listKey && cur && indent > listKey.indent) {
        (cur[listKey.key] as unknown[]).push(scalar(body.slice(1).trim(), where));
        return;
      }
      cur = {};
      items.push(cur);
      itemIndent = indent;
      listKey = undefined;
      body = body.slice(1).trim();
      keyIndent = indent + 2;
      if (body === '') return;
    } else if (!cur || indent <= itemIndent) {
      fail(where, `"${body}" is not inside a "- " list item`, 'start each demand with "- " (see the YAML subset in the docs)');
    }
    const m = /^([A-Za-z][A-Za-z0-9_]*):(?:\s+(.*))?$/.exec(body);
    if (!m) fail(where, `"${body}" is not a "key: value" line`, 'write one key: value per line');
    if (Object.prototype.hasOwnProperty.call(cur, m[1])) fail(where, `key ${m[1]} repeats`, 'give each key once per demand');
    listKey = m[2] === undefined ? { key: m[1], indent: keyIndent } : undefined;
    cur[m[1]] = m[2] === undefined ? [] : value(m[2].trim(), where);
  });
  return items;
}

/** Checks parsed records against the demand's fields and their types; values are checked by `planTopology`. */
export function toDemands(raw: unknown, name: string): WorkloadDemand[] {
  const list = Array.isArray(raw) ? raw : (raw as { demands?: unknown } | null)?.demands;
  if (!Array.isArray(list)) fail(name, 'the file holds no list of demands', 'write a top-level list, or an object with a "demands" list');
  return list.map((d: unknown, i) => {
    const where = `${name}: demands[${i}]`;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) fail(where, 'a demand is not an object', 'give each demand as key: value pairs');
    for (const [k, v] of Object.entries(d)) {
      const type = KEYS[k as keyof WorkloadDemand];
      if (!type) fail(where, `unknown key "${k}"`, `use only ${Object.keys(KEYS).join(', ')}`);
      const ok = type === 'list' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === type;
      if (!ok) fail(where, `${k} ${JSON.stringify(v)} is not a ${type === 'list' ? 'list of strings' : type}`, `give ${k} as a ${type === 'list' ? 'list of strings' : type}`);
    }
    return d as WorkloadDemand;
  });
}

/** Parses a demands document: JSON when it starts with `{` or `[`, the YAML subset otherwise. */
export function parseDemands(text: string, name = 'demands'): WorkloadDemand[] {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      fail(name, `the file is not valid JSON (${(e as Error).message})`, 'fix the JSON syntax');
    }
    return toDemands(raw, name);
  }
  return toDemands(parseYamlSubset(text, name), name);
}

/** Reads and parses a demands file (`.json`, `.yaml` or `.yml`). Throws AIRA_E_INVALID_PROP when it cannot be read. */
export function loadDemandsFile(file: string): WorkloadDemand[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(file, `cannot read the demands file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'pass the path of a JSON or YAML demands file');
  }
  return parseDemands(text, file);
}
