/**
 * `aira-constructs/policy`: the policy engine. Loads no provider binding and, until PolicyGuard or
 * Suppressions is touched, not cdktf either, so a pipeline that only checks plans starts fast.
 *
 * @example
 * import { check, BUILTIN_RULES, BUILTIN_PACKS, render } from 'aira-constructs/policy';
 * const bundle = check(['plan.json'], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS });
 * process.stdout.write(render('text', bundle));
 */
import type * as guardModule from './guard';
import type * as suppressionsModule from './suppressions';

export * from './types';
export * from './errors';
export * from './rule-kit';
export { makeView, pathKey, stripInstanceKeys } from './view';
export type { ViewInit } from './view';
export { parseReference, tokenReferences } from './references';
export { STDIN, classify, loadDocument, loadPath, loadPlan, loadState, loadSynth, loadText, parseJson } from './load';
export type { LoadedInput, OnFileLoaded } from './load';
export { ResourceIndex } from './resource-index';
export { evaluate } from './engine';
export type { EvaluateOptions, Evaluation, SelectedRule } from './engine';
export { REPORT_SCHEMA, REPORT_SCHEMA_ID, REPORT_VERSION, buildReport, isFailing } from './report';
export type { Report, ReportBundle, ReportInput, ReportOptions, ReportSummary, ReportSuppression } from './report';
export { RULE_ID, ruleSet, selectRules, validatePack, validateRule } from './rules';
export { loadPolicyDir } from './policy-dir';
export type { PolicyDirContents } from './policy-dir';
export { MIN_REASON_LENGTH, SUPPRESSIONS_FILE, parseSuppressions, parseSuppressionsText, readSuppressionsFile } from './suppressions-file';
export type { SuppressionsFileJson, WrittenSuppression } from './suppressions-file';
export { check, checkInputs } from './check';
export { OPTION_NAME, configureRules, declaredOptions, parseOptionPairs, requirePositive } from './options';
export type { RuleOptionInput } from './options';
export { ESTIMATE_DISCLAIMER, ESTIMATE_FORMATS, ESTIMATE_VERSION, HOURS_PER_MONTH, POOL_TYPES, estimate, estimateContext, estimateInputs, estimatePool, findPools, isComplete, poolFacts, renderEstimate, total, totals } from './estimate';
export type { CostFigure, EmissionsFigure, EnergyFigure, EstimateFormat, EstimateOptions, EstimateReport, Found, PoolEstimate, PoolFacts, SkippedPool, StackEstimate, StackFigures, StackTotals, Total, UnknownFigure } from './estimate';
export type { CheckOptions } from './check';
export { FORMATS, render, renderRulesJson, renderRulesMarkdown, renderRulesText, rulesCatalog } from './reporters';
export type { Format } from './reporters';
export { complianceMarkdown, complianceText, renderControlMatrixJson, renderControlMatrixMarkdown, renderControlMatrixText } from './reporters';
export { EVIDENCE_NOTE, FRAMEWORKS, compareControls, complianceView, controlMatrix, controlTitle, controlsOf, frameworkInfo, groupByControl, resolveFramework, selectForFrameworks } from './frameworks';
export type { ComplianceView, ControlMatrix, ControlResults, ControlRuleResults, ControlStatus, FrameworkId, FrameworkInfo, MatrixControl, MatrixRule } from './frameworks';
export { BUILTIN_PACKS, BUILTIN_RULES } from './builtin';

export type { PolicyGuardOptions } from './guard';
export type { SuppressionProps } from './suppressions';
/** The synth-time guard (see guard.ts). Loaded on first use: it needs cdktf. */
export type PolicyGuard = guardModule.PolicyGuard;
/** Suppressions declared in cdktf code (see suppressions.ts). Loaded on first use: it needs cdktf. */
export type Suppressions = suppressionsModule.Suppressions;
export declare const PolicyGuard: typeof guardModule.PolicyGuard;
export declare const Suppressions: typeof suppressionsModule.Suppressions;

// Lazy exports: requiring this entry point must not load cdktf (80 ms and ~380 modules measured on the
// project's machine) for users who only check plans.
/* eslint-disable @typescript-eslint/no-require-imports */
Object.defineProperty(exports, 'PolicyGuard', { enumerable: true, get: () => (require('./guard') as typeof guardModule).PolicyGuard });
Object.defineProperty(exports, 'Suppressions', { enumerable: true, get: () => (require('./suppressions') as typeof suppressionsModule).Suppressions });
/* eslint-enable @typescript-eslint/no-require-imports */
