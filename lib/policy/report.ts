/**
 * The report: what every output format renders. Its JSON form is versioned and documented by
 * `reporters/report.schema.json`; change the schema and REPORT_VERSION together.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Evaluation, SelectedRule } from './engine';
import { ComplianceView, FrameworkId, complianceView } from './frameworks';
import { LoadedInput } from './load/input';
import reportSchema from './reporters/report.schema.json';
import { PolicyResult, RuleMeta, SEVERITIES, STATUSES, Severity, Source, Status, atOrAbove } from './types';

/** Version of the JSON report's shape (semver: a major bump breaks readers). */
export const REPORT_VERSION = '1.1.0';
/** The JSON Schema (draft-07) of the JSON report; shipped beside this module. */
export const REPORT_SCHEMA: Readonly<Record<string, unknown>> = reportSchema;
/** The schema's id, written as `$schema` in every JSON report. */
export const REPORT_SCHEMA_ID: string = reportSchema.$id;

/** One input of a report. */
export interface ReportInput {
  readonly file: string;
  readonly source: Source;
  /** The cdktf stack name of a synthesized stack. @default none (left out): a plan or state, or a stack read without a name */
  readonly stack?: string;
  /** `format_version` of a plan or state. @default none (left out): a synthesized stack */
  readonly formatVersion?: string;
  /** `terraform_version` of a plan or state. @default none (left out): a synthesized stack, or a file without it */
  readonly terraformVersion?: string;
  readonly resources: number;
  readonly notes: readonly string[];
}

/** A suppression that covered nothing. */
export interface ReportSuppression {
  readonly id: string;
  readonly address: string;
  readonly reason: string;
  readonly origin: string;
  /** The construct that declared it, for suppressions from cdktf code. @default none (left out): a suppression from a user's file */
  readonly constructPath?: string;
}

/** Counts of a report. */
export interface ReportSummary {
  /** Results per status (all results, listed or not). */
  readonly byStatus: Readonly<Record<Status, number>>;
  /** Results per severity and status. */
  readonly bySeverity: Readonly<Record<Severity, Readonly<Record<Status, number>>>>;
  /** Resources in the inputs. */
  readonly resources: number;
  /** Resources at least one rule evaluated. */
  readonly resourcesEvaluated: number;
  /** Managed resource types present that no rule in force covers. */
  readonly resourceTypesWithoutRule: readonly string[];
  /** The severity at or above which `fail` and `error` results fail the run. */
  readonly threshold: Severity;
  /** `fail` and `error` results at or above the threshold. */
  readonly failing: number;
  /** Whether the run passes (no failing result). */
  readonly passed: boolean;
}

/** The whole report (the JSON format is exactly this object). */
export interface Report {
  readonly $schema: string;
  readonly version: string;
  readonly tool: { readonly name: 'aira'; readonly version: string };
  readonly inputs: readonly ReportInput[];
  readonly summary: ReportSummary;
  /** Results listed: `fail`, `error` and `suppressed`; with includePassed, every status. */
  readonly results: readonly PolicyResult[];
  /** Suppressions that matched nothing (stale, or aimed at the wrong address or rule). */
  readonly unmatchedSuppressions: readonly ReportSuppression[];
  /**
   * The results grouped by control, one entry per framework asked for (`--framework`); since 1.1.0.
   * @default none (left out): no framework was asked for
   */
  readonly compliance?: readonly ComplianceView[];
}

/** A report plus what renderers need beside it. */
export interface ReportBundle {
  readonly report: Report;
  /** Metadata of the rules in force, with the severity in force, sorted by id. */
  readonly rules: ReadonlyArray<RuleMeta & { readonly severity: Severity }>;
  /** Every result, listed or not, in report order (JUnit renders one test case per result). */
  readonly all: readonly PolicyResult[];
  /** Line of a result's resource in its input file, where known. */
  lineOf(result: PolicyResult): number | undefined;
}

/** Options of `buildReport`. */
export interface ReportOptions {
  /** @default 'high' */
  readonly threshold?: Severity;
  /** List pass, unknown and not_applicable results too. @default false */
  readonly includePassed?: boolean;
  /** Frameworks whose by-control view the report carries (`compliance`). @default [] */
  readonly frameworks?: readonly FrameworkId[];
}

const LISTED = new Set<Status>(['fail', 'error', 'suppressed']);

/** Whether a result fails the run at a threshold. */
export function isFailing(r: PolicyResult, threshold: Severity): boolean {
  return (r.status === 'fail' || r.status === 'error') && atOrAbove(r.severity, threshold);
}

/** Builds the report of an evaluation. Deterministic: same inputs, same bytes. */
export function buildReport(inputs: readonly LoadedInput[], rules: readonly SelectedRule[], ev: Evaluation, opts: ReportOptions = {}): ReportBundle {
  const threshold = opts.threshold ?? 'high';
  const zero = (): Record<Status, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const byStatus = zero();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, zero()])) as Record<Severity, Record<Status, number>>;
  let failing = 0;
  for (const r of ev.results) {
    byStatus[r.status]++;
    bySeverity[r.severity][r.status]++;
    if (isFailing(r, threshold)) failing++;
  }
  const listed = ev.results.filter((r) => opts.includePassed || LISTED.has(r.status)).sort(compareResults);
  const metas = rules
    .map(({ rule, severity }) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- metadata only, without the logic
      const { check, ...meta } = rule;
      return { ...meta, severity };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  const frameworks = [...new Set(opts.frameworks ?? [])];
  const report: Report = {
    $schema: REPORT_SCHEMA_ID,
    version: REPORT_VERSION,
    tool: { name: 'aira', version: toolVersion() },
    inputs: inputs.map((i) => ({
      file: i.file,
      source: i.source,
      ...(i.stack ? { stack: i.stack } : {}),
      ...(i.formatVersion ? { formatVersion: i.formatVersion } : {}),
      ...(i.terraformVersion ? { terraformVersion: i.terraformVersion } : {}),
      resources: i.resources.length,
      notes: [...i.notes],
    })),
    summary: {
      byStatus,
      bySeverity,
      resources: ev.resources,
      resourcesEvaluated: ev.resourcesEvaluated,
      resourceTypesWithoutRule: [...ev.typesWithoutRule],
      threshold,
      failing,
      passed: failing === 0,
    },
    results: listed,
    unmatchedSuppressions: ev.unmatchedSuppressions.map((s) => ({ id: s.id, address: s.address, reason: s.reason, origin: s.origin, ...(s.constructPath ? { constructPath: s.constructPath } : {}) })),
    ...(frameworks.length ? { compliance: frameworks.map((f) => complianceView(ev.results, metas, f, threshold)) } : {}),
  };
  const finders = new Map(inputs.map((i) => [i.file, i.lineOf]));
  let all: PolicyResult[] | undefined;
  return {
    report,
    rules: metas,
    // Sorted on first use: only JUnit and the guard need every result.
    get all() {
      return (all ??= [...ev.results].sort(compareResults));
    },
    lineOf: (r) => finders.get(r.file)?.(r.address),
  };
}

const SEV_RANK = new Map(SEVERITIES.map((s, i) => [s, i]));
const STATUS_RANK = new Map(STATUSES.map((s, i) => [s, i]));

// Code-unit order, not locale order: the same bytes on every machine, and much faster on large plans.
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareResults(a: PolicyResult, b: PolicyResult): number {
  return (
    STATUS_RANK.get(a.status)! - STATUS_RANK.get(b.status)! ||
    SEV_RANK.get(a.severity)! - SEV_RANK.get(b.severity)! ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.file, b.file) ||
    cmp(a.address, b.address)
  );
}

let cachedVersion: string | undefined;

/** This package's version, from the nearest package.json named aira-constructs. */
export function toolVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'aira-constructs' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // not here; look one level up
    }
    dir = path.dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}
