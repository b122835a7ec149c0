/** A small argv parser: `--name value`, `--name=value`, boolean flags, repeatable options, `--` and `-`. */
import { PolicyError, PolicyErrorCodes } from '../policy/errors';

/** One option a command accepts. */
export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** May be given more than once. @default false */
  readonly repeat?: boolean;
  /** Allowed values of a string option. */
  readonly choices?: readonly string[];
}

/** Parsed command line. */
export interface ParsedArgs {
  readonly positionals: string[];
  /** Values per option name, in the order given. */
  readonly values: Map<string, string[]>;
  /** Boolean flags given. */
  readonly flags: Set<string>;
  /** Every option in the order given (for options that pair up, like --format and --output). */
  readonly sequence: Array<{ readonly name: string; readonly value: string }>;
}

export function usageError(command: string, problem: string, fix: string): PolicyError {
  return new PolicyError(PolicyErrorCodes.USAGE, command, problem, fix);
}

/** Parses `argv` against the command's options; throws a USAGE PolicyError on anything unknown. */
export function parseArgs(command: string, argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: ParsedArgs = { positionals: [], values: new Map(), flags: new Set(), sequence: [] };
  const help = `run \`aira ${command} --help\``;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      if (a.startsWith('-') && a !== '-') throw usageError(command, `unknown option ${a}${didYouMean(a.replace(/^-+/, ''), specs.map((s) => s.name), '--')}`, help);
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw usageError(command, `unknown option --${name}${didYouMean(name, specs.map((s) => s.name), '--')}`, help);
    if (spec.type === 'boolean') {
      if (eq >= 0) throw usageError(command, `--${name} takes no value`, help);
      out.flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (i + 1 < argv.length && (!argv[i + 1].startsWith('--') || argv[i + 1] === '-')) value = argv[++i];
    if (value === undefined || value === '') throw usageError(command, `--${name} needs a value`, help);
    if (spec.choices && !spec.choices.includes(value)) throw usageError(command, `--${name} must be one of ${spec.choices.join(', ')} (got "${value}")${didYouMean(value, spec.choices)}`, help);
    const list = out.values.get(name) ?? [];
    if (list.length && !spec.repeat) throw usageError(command, `--${name} given twice`, help);
    list.push(value);
    out.values.set(name, list);
    out.sequence.push({ name, value });
  }
  return out;
}

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * `" (did you mean --format?)"` for the closest known word, or `""` when none is close: a typo of at
 * most a third of the word's letters (at least one), or a word the given one starts.
 */
export function didYouMean(given: string, known: readonly string[], prefix = ''): string {
  const g = given.toLowerCase();
  let best: { word: string; d: number } | undefined;
  for (const word of known) {
    const d = word.startsWith(g) && g.length >= 2 ? 0.5 : distance(g, word);
    if (d <= Math.max(1, Math.floor(word.length / 3)) && (!best || d < best.d)) best = { word, d };
  }
  return best ? ` (did you mean ${prefix}${best.word}?)` : '';
}
