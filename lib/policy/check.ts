/**
 * `check`: load inputs, find their suppressions, select rules, evaluate, build the report. The
 * library function behind `aira check`; it returns data and never prints.
 */
import * as fs from 'fs';
import * as path from 'path';
import { evaluate } from './engine';
import { resolveFramework, selectForFrameworks } from './frameworks';
import { LoadedInput, OnFileLoaded, STDIN, loadPath } from './load';
import { RuleOptionInput, configureRules } from './options';
import { ReportBundle, buildReport } from './report';
import { selectRules } from './rules';
import { SUPPRESSIONS_FILE, readSuppressionsFile } from './suppressions-file';
import { Pack, Rule, Severity, Suppression } from './types';

/** Options of `check`. */
export interface CheckOptions {
  /** Every rule available (built-in plus the user's). */
  readonly rules: readonly Rule[];
  /** Every pack available. @default none */
  readonly packs?: readonly Pack[];
  /** Packs to apply; none means every rule at its own severity. @default [] */
  readonly packIds?: readonly string[];
  /**
   * Frameworks (`iso27001`, `soc2`, `hipaa`, `fips140-3`, `eu-ai-act`, or the `FrameworkMappings`
   * keys): only the rules in force mapped to one of them are checked (with packIds: the intersection),
   * and the report groups their results by control. @default []: every rule in force, no grouping
   */
  readonly frameworks?: readonly string[];
  /**
   * Rule options (budgets, thresholds) by key, as text or typed values: `{ maxMonthlyUsd: 250000 }`.
   * Each reaches every rule in force that declares the key; a key none declares throws USAGE.
   * @default {}: every rule at its own defaults
   */
  readonly ruleOptions?: RuleOptionInput;
  /** Suppression files (JSON or YAML) that apply to every input. @default [] */
  readonly suppressionFiles?: readonly string[];
  /** Look for `aira-suppressions.json` beside a plan (its folder, or a one-stack `cdktf.out/`). @default true */
  readonly discoverSuppressions?: boolean;
  /** @default 'high' */
  readonly threshold?: Severity;
  /** @default false */
  readonly includePassed?: boolean;
  /** Reads standard input for the path `-`. @default the process's stdin */
  readonly stdin?: () => string;
  /** Folder where `cdktf.out/` is looked for besides the plan's own folder. @default process.cwd() */
  readonly cwd?: string;
  /** Called after each input file is loaded (the CLI's progress line on a terminal). @default none */
  readonly onFileLoaded?: OnFileLoaded;
}

/** Checks paths (plan, state, cdk.tf.json, cdktf.out/, `-`) and returns the report. */
export function check(paths: readonly string[], opts: CheckOptions): ReportBundle {
  const inputs = paths.flatMap((p) => loadPath(p, opts.stdin, opts.onFileLoaded));
  const found = opts.discoverSuppressions === false ? inputs : inputs.map((i) => discoverPlanSuppressions(i, opts.cwd ?? process.cwd()));
  return checkInputs(found, opts);
}

/** Checks inputs already loaded. */
export function checkInputs(inputs: readonly LoadedInput[], opts: CheckOptions): ReportBundle {
  const frameworks = [...new Set((opts.frameworks ?? []).map((f) => resolveFramework(f)))];
  const selected = configureRules(selectForFrameworks(selectRules(opts.rules, opts.packs ?? [], opts.packIds ?? []), frameworks, opts.packIds), opts.ruleOptions);
  const suppressions: Suppression[] = (opts.suppressionFiles ?? []).flatMap((f) => readSuppressionsFile(f));
  const ev = evaluate(inputs, { rules: selected, suppressions });
  return buildReport(inputs, selected, ev, { threshold: opts.threshold, includePassed: opts.includePassed, frameworks });
}

/**
 * A plan made in a stack folder (`cdktf.out/stacks/<stack>/`) has the stack's suppressions beside it;
 * a plan next to a `cdktf.out/` with one stack uses that stack's. With several stacks the match is
 * ambiguous: the input gets a note asking for `--suppressions`.
 */
function discoverPlanSuppressions(input: LoadedInput, cwd: string): LoadedInput {
  if (input.source === 'synth' || input.file === STDIN || input.suppressions.length) return input;
  const dir = path.dirname(path.resolve(input.file));
  const beside = path.join(dir, SUPPRESSIONS_FILE);
  if (fs.existsSync(beside)) return { ...input, suppressions: readSuppressionsFile(beside) };
  for (const base of [...new Set([dir, path.resolve(cwd)])]) {
    const stacks = path.join(base, 'cdktf.out', 'stacks');
    if (!fs.existsSync(stacks)) continue;
    const names = fs.readdirSync(stacks).filter((s) => fs.existsSync(path.join(stacks, s, 'cdk.tf.json')));
    const withFile = names.filter((s) => fs.existsSync(path.join(stacks, s, SUPPRESSIONS_FILE)));
    if (names.length === 1 && withFile.length === 1) return { ...input, suppressions: readSuppressionsFile(path.join(stacks, withFile[0], SUPPRESSIONS_FILE)) };
    if (withFile.length) {
      const rel = path.relative(cwd, path.join(stacks, '<stack>', SUPPRESSIONS_FILE));
      return { ...input, notes: [...input.notes, `suppressions not applied: ${path.relative(cwd, stacks) || stacks} holds ${names.length} stacks; pass --suppressions ${rel} for the stack this plan belongs to`] };
    }
  }
  return input;
}
