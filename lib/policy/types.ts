/**
 * The policy engine's vocabulary: the resource view every source is normalized to, rules, verdicts,
 * results. Pure types and constants; no cdktf, no provider.
 */

/** Where a resource view comes from. */
export type Source = 'plan' | 'synth' | 'state';

/** Terraform resource mode. */
export type Mode = 'managed' | 'data';

/** Planned action of a resource, as `terraform show -json` writes it. */
export type Action = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** Rule severity, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** All severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Whether `s` is at or above `threshold` (critical is the highest). */
export function atOrAbove(s: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(threshold);
}

/**
 * Outcome of one rule on one resource.
 * - `unknown`: the value the rule needs is known only after apply (never reported as `pass`).
 * - `not_applicable`: the rule has nothing to say about this resource (for example a plan-only rule on a synthesized stack).
 * - `suppressed`: a suppression with a reason covers a `fail`, `unknown` or `error` result.
 * - `error`: the rule threw; the run goes on.
 */
export type Status = 'pass' | 'fail' | 'unknown' | 'not_applicable' | 'suppressed' | 'error';

/** All statuses, in report order. */
export const STATUSES: readonly Status[] = ['fail', 'error', 'unknown', 'suppressed', 'pass', 'not_applicable'];

/** A path into a resource's values: `['ingress', 0, 'cidr_blocks']`. */
export type ValuePath = ReadonlyArray<string | number>;

/** Marker returned for a value that is known only after apply. */
export const UNKNOWN: unique symbol = Symbol.for('aira.policy.unknown');
/** The type of `UNKNOWN`, for signatures of readers that may return it. */
export type Unknown = typeof UNKNOWN;

/**
 * One resource as every source presents it: a synthesized cdktf stack, a Terraform plan or a state.
 * Addresses are Terraform addresses (`aws_s3_bucket.logs`, `module.net.aws_vpc.this[0]`): cdktf
 * logical ids are Terraform resource names, so synth and plan name the same resource alike.
 */
export interface ResourceView {
  /** Full Terraform address, with module path and instance key. */
  readonly address: string;
  /** The address without instance keys (`module.a.aws_x.y`): what configuration references name. */
  readonly configAddress: string;
  readonly type: string;
  readonly name: string;
  readonly mode: Mode;
  /** Module address (`module.a.module.b`), empty at the root. */
  readonly module: string;
  /** Provider source (`registry.terraform.io/hashicorp/aws`), or the local name where no source is known. */
  readonly provider: string;
  /** Attribute values: the planned values (`after`), or `before` for a deletion, or the synthesized config. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Paths (dot-joined) whose value is known only after apply. */
  readonly unknown: ReadonlySet<string>;
  /** Paths (dot-joined) Terraform marks sensitive. */
  readonly sensitive: ReadonlySet<string>;
  /** Config addresses this resource references, each with the local attribute paths that hold the reference. */
  readonly references: ReadonlyMap<string, readonly string[]>;
  /** Planned actions (`['create']`, `['delete', 'create']`, ...); empty where the source has none (synth). */
  readonly actions: readonly Action[];
  /** Attribute paths (dot-joined) that force a replacement. */
  readonly replacePaths: readonly string[];
  /** Terraform's `action_reason` (for example `replace_because_cannot_update`). @default none: the plan gives none, or the source is not a plan */
  readonly actionReason?: string;
  /** cdktf construct path (from the resource's `//` metadata in a synthesized stack). @default none: not known (plans and states) */
  readonly constructPath?: string;
  readonly source: Source;
  /** The input file, as given on the command line. */
  readonly file: string;
  /** Reads a value; `UNKNOWN` when it or any parent is unknown until apply; undefined when absent. */
  get(path: ValuePath | string): unknown;
  /** Whether a value is known only after apply. */
  isUnknown(path: ValuePath | string): boolean;
  /** Whether a value is sensitive (a rule must not print it). */
  isSensitive(path: ValuePath | string): boolean;
  /**
   * The configuration's text of an attribute, as written: for a rule that needs to read a value the plan
   * knows only after apply. A plan of a fresh stack marks an IAM or bucket policy unknown as a whole when
   * the document interpolates an ARN the plan creates, yet its configuration holds the document with
   * `${...}` interpolations inside (read it with `parseInterpolatedJson`).
   * - plan: the `constant_value` string of the resource's configuration expression at `path` (a top-level
   *   argument, or a path into nested blocks and constant lists). Terraform writes one for JSON-syntax
   *   configurations (all cdktf output) as the raw text, interpolations and all; for HCL it writes one only
   *   for an expression without references (whose planned value is then known anyway). Resources in child
   *   modules are covered (`module_calls`); their interpolations name module-local addresses.
   * - synth: the synthesized string at `path`, which is the same text.
   * - state, and a plan's deletions (the configuration no longer holds them): undefined.
   * Undefined also where the configuration sets no string there (an expression of references only, a
   * list, a block). Sensitive arguments are returned as written: a rule must not print them either.
   */
  configText(path: ValuePath | string): string | undefined;
}

/** Framework mappings of a rule: control identifiers per framework, where the framework applies. */
export interface FrameworkMappings {
  /** FIPS 140-3 (cryptographic modules). @default none: the rule maps to no FIPS 140-3 requirement */
  readonly 'fips-140-3'?: readonly string[];
  /** ISO/IEC 27001:2022 Annex A controls, e.g. `A.8.24`. @default none: the rule maps to no ISO 27001 control */
  readonly 'iso-27001-2022'?: readonly string[];
  /** SOC 2 Trust Services Criteria, e.g. `CC6.1`. @default none: the rule maps to no SOC 2 criterion */
  readonly 'soc2'?: readonly string[];
  /** HIPAA Security Rule sections, e.g. `164.312(a)(2)(iv)`. @default none: the rule maps to no HIPAA section */
  readonly 'hipaa'?: readonly string[];
  /** EU AI Act (Regulation (EU) 2024/1689) articles, e.g. `Art. 15`. @default none: the rule maps to no EU AI Act article */
  readonly 'eu-ai-act'?: readonly string[];
}

/** A value of a rule option (`aira check --option key=value`, `check({ ruleOptions })`). */
export type RuleOptionValue = number | string | boolean;

/**
 * An option a rule takes: a threshold or budget the user sets per run. Rules declare their options in
 * their metadata (so `aira rules` lists them) and build a configured copy of themselves in `configure`.
 */
export interface RuleOption {
  /** The key, lower camel case (`maxMonthlyUsd`): `--option maxMonthlyUsd=250000`. */
  readonly name: string;
  /** How a value given as text is parsed: `number` (a decimal), `string`, or `boolean` (`true` / `false`). */
  readonly type: 'number' | 'string' | 'boolean';
  /** What the option sets, with its unit. */
  readonly description: string;
  /** The value in force when the option is not given. @default none: without the option the rule does not judge (it reports `not_applicable`) */
  readonly default?: RuleOptionValue;
}

/** A rule's metadata: everything but its logic. */
export interface RuleMeta {
  /** Stable id, independent of packs: `AIRA-<DOMAIN>-<NNN>`. */
  readonly id: string;
  readonly title: string;
  /** Default severity (a pack may override it). */
  readonly severity: Severity;
  /** Why the rule exists. */
  readonly rationale: string;
  /** What to do when it fails. */
  readonly remediation: string;
  /** Resource types the rule applies to: the engine shows it only these. */
  readonly resourceTypes: readonly string[];
  /** Modes the rule applies to. @default ['managed'] */
  readonly modes?: readonly Mode[];
  /** Sources on which the rule can decide; on others its result is `not_applicable`. @default all */
  readonly sources?: readonly Source[];
  readonly frameworks: FrameworkMappings;
  /** Equivalent Checkov / Trivy check ids (users migrating from those tools search for them). */
  readonly references: readonly string[];
  /** Public documentation the rule's facts rest on (the first is SARIF's `helpUri`). @default none: no links listed */
  readonly docs?: readonly string[];
  /** Options the rule takes; a rule that declares options also implements `Rule.configure`. @default none: the rule takes no options */
  readonly options?: readonly RuleOption[];
}

/** A rule's verdict on one resource. */
export interface Verdict {
  readonly status: 'pass' | 'fail' | 'unknown' | 'not_applicable';
  /** One sentence: what was found. */
  readonly message: string;
  /** The attribute the verdict is about, dot-joined. @default none: the verdict is about the resource as a whole */
  readonly path?: string;
}

/** What a rule sees beside the resource: the whole input, indexed once. */
export interface RuleContext {
  /** Resources of the same input that reference `target` (by config address), optionally of one type and through one local attribute. */
  referencing(target: ResourceView, filter?: { readonly type?: string; readonly via?: string }): readonly ResourceView[];
  /** The resources `r` references, optionally of one type. */
  referencedBy(r: ResourceView, type?: string): readonly ResourceView[];
  /** Resources of a type in the same input. */
  ofType(type: string): readonly ResourceView[];
  /** A resource by address or config address. */
  find(address: string): ResourceView | undefined;
  /**
   * Resources of a type whose attribute at `path` (dot-joined) equals `value` (a literal link such as a
   * bucket name or an NSG name). Indexed on first use per type and path: no scan per call.
   */
  withValue(type: string, path: string, value: string | number | boolean): readonly ResourceView[];
}

/** A rule: metadata plus a pure function over the view. */
export interface Rule extends RuleMeta {
  check(resource: ResourceView, ctx: RuleContext): Verdict | readonly Verdict[];
  /**
   * A copy of the rule with option values in force: only keys the rule declares in `options`, already
   * parsed to their type. Throws a PolicyError (USAGE) for a value out of range.
   * @default none: the rule takes no options
   */
  configure?(values: Readonly<Record<string, RuleOptionValue>>): Rule;
}

/** A pack: a selection of rules, with severity overrides. No logic. */
export interface Pack {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Rule ids in the pack, each with an optional severity override. */
  readonly rules: Readonly<Record<string, { readonly severity?: Severity }>>;
}

/** A suppression as the engine applies it. */
export interface Suppression {
  /** Rule id (`AIRA-NET-001`), or an equivalent Checkov / Trivy id from a rule's `references`. */
  readonly id: string;
  /** Terraform address or config address the suppression covers. */
  readonly address: string;
  /** Why, at least 10 characters. */
  readonly reason: string;
  /** Where it came from: `code` (Suppressions.of(...) in cdktf code) or the file it was read from. */
  readonly origin: string;
  /**
   * The construct that declared it, for suppressions from code (`Suppressions.of(...)`, kept in the
   * stack's `aira-suppressions.json`). @default none: a suppression from a user's file
   */
  readonly constructPath?: string;
}

/** The result of one rule on one resource. */
export interface PolicyResult {
  readonly ruleId: string;
  readonly status: Status;
  readonly severity: Severity;
  readonly address: string;
  readonly resourceType: string;
  readonly message: string;
  readonly remediation: string;
  readonly references: readonly string[];
  readonly frameworks: FrameworkMappings;
  readonly source: Source;
  readonly file: string;
  /** cdktf construct path of the resource. @default none (left out): not known (plans and states) */
  readonly constructPath?: string;
  /** The attribute the result is about (the worst verdict's `path`). @default none (left out): the resource as a whole */
  readonly path?: string;
  /** For `suppressed`: the status before suppression and the suppression's reason and origin. @default none: the result is not suppressed */
  readonly suppression?: { readonly status: Status; readonly reason: string; readonly origin: string };
}
