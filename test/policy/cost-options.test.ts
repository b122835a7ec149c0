/**
 * Rule options: `--option key=value` on the command line, `ruleOptions` in check(), the options a rule
 * declares in its metadata (listed by `aira rules`), and the exact errors of bad keys and values.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { CliIo } from '../../lib/cli/io';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { PolicyErrorCodes } from '../../lib/policy/errors';
import { loadDocument } from '../../lib/policy/load';
import { configureRules, parseOptionPairs } from '../../lib/policy/options';
import { renderRulesJson, renderRulesMarkdown, renderRulesText } from '../../lib/policy/reporters';
import { selectRules, validateRule } from '../../lib/policy/rules';
import { Rule, RuleOptionValue } from '../../lib/policy/types';
import { errorCodeOf } from '../helpers/synth';
import { planDoc, scratch, statusOf, synthDoc } from './helpers/docs';

const errorOf = (fn: () => unknown): { code: string; message: string } => {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected an error');
};

// A pool in us-east-1 (379.1 gCO2e/kWh): passes the default ceiling of 480, fails a ceiling of 300.
const pool = synthDoc({
  aws_subnet: { s: { availability_zone: 'us-east-1a' } },
  aws_launch_template: { lt: { instance_type: 'p5.48xlarge' } },
  aws_autoscaling_group: { g: { max_size: 1, vpc_zone_identifier: ['${aws_subnet.s.id}'], launch_template: { id: '${aws_launch_template.lt.id}' }, tag: [{ key: 'aira:plane', value: 'training', propagate_at_launch: false }] } },
});
const check = (packIds: string[], ruleOptions?: Record<string, RuleOptionValue>) =>
  checkInputs([loadDocument(pool, 'doc.json')], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds, ruleOptions, includePassed: true }).all;

describe('parseOptionPairs: key=value words', () => {
  test('values stay text; spaces around them are dropped', () => {
    expect(parseOptionPairs(['maxMonthlyUsd=250000', 'maxGco2PerKwh= 300 '])).toEqual({ maxMonthlyUsd: '250000', maxGco2PerKwh: '300' });
  });

  test.each([
    ['no =', ['maxMonthlyUsd'], 'AIRA_E_POLICY_USAGE: --option maxMonthlyUsd: an option is written key=value. Fix: write e.g. --option maxMonthlyUsd=250000'],
    ['an empty value', ['maxMonthlyUsd='], 'AIRA_E_POLICY_USAGE: --option maxMonthlyUsd=: an option is written key=value. Fix: write e.g. --option maxMonthlyUsd=250000'],
    ['an empty key', ['=5'], 'AIRA_E_POLICY_USAGE: --option =5: an option is written key=value. Fix: write e.g. --option maxMonthlyUsd=250000'],
    ['a key that is not camel case', ['max-usd=5'], 'AIRA_E_POLICY_USAGE: --option max-usd=5: "max-usd" is not an option key (keys are lower camel case, like maxMonthlyUsd). Fix: run `aira rules` to see the options each rule takes'],
    ['a key given twice', ['maxMonthlyUsd=1', 'maxMonthlyUsd=2'], 'AIRA_E_POLICY_USAGE: --option maxMonthlyUsd: the option is given twice. Fix: give each option once'],
  ])('%s is a usage error', (_n, pairs, message) => {
    expect(errorOf(() => parseOptionPairs(pairs))).toEqual({ code: PolicyErrorCodes.USAGE, message });
  });
});

describe('configureRules: the selected rules with the options in force', () => {
  test('the carbon-aware rule takes maxGco2PerKwh through check(): default 480 passes, 300 fails, text or number', () => {
    expect(statusOf(check(['aira-golden-rules']), 'AIRA-GLD-006', 'aws_autoscaling_group.g')).toBe('pass');
    expect(statusOf(check(['aira-golden-rules'], { maxGco2PerKwh: 300 }), 'AIRA-GLD-006', 'aws_autoscaling_group.g')).toBe('fail');
    expect(statusOf(check(['aira-golden-rules'], { maxGco2PerKwh: '300' }), 'AIRA-GLD-006', 'aws_autoscaling_group.g')).toBe('fail');
    expect(check(['aira-golden-rules'], { maxGco2PerKwh: '300' }).find((r) => r.ruleId === 'AIRA-GLD-006')!.message).toContain('is above 300');
  });

  test('one key reaches every selected rule that declares it; the others keep their defaults', () => {
    // 1 x p5.48xlarge: USD 40,179.20 per month.
    const results = check(['aira-cost-carbon'], { maxPoolMonthlyUsd: '40000' });
    expect(statusOf(results, 'AIRA-CST-001', 'aws_autoscaling_group.g')).toBe('fail');
    expect(statusOf(results, 'AIRA-CST-002', 'aws_autoscaling_group.g')).toBe('not_applicable');
    expect(statusOf(results, 'AIRA-GLD-006', 'aws_autoscaling_group.g')).toBe('pass');
  });

  test('an unknown key lists the keys of the selected rules', () => {
    expect(errorOf(() => check(['aira-cost-carbon'], { maxMonthyUsd: 1 }))).toEqual({
      code: PolicyErrorCodes.USAGE,
      message:
        'AIRA_E_POLICY_USAGE: --option maxMonthyUsd: no selected rule takes the option "maxMonthyUsd" (known keys: maxGco2PerKwh, maxKgCo2ePerHour, maxMonthlyUsd, maxPoolMonthlyUsd). Fix: use a key the selected rules declare (`aira rules` lists them), or select the pack whose rules take it (e.g. --pack aira-cost-carbon)',
    });
    expect(errorOf(() => check(['aira-golden-rules'], { maxMonthlyUsd: 1 })).message).toContain('(known keys: maxGco2PerKwh)');
    expect(errorOf(() => check(['aira-baseline'], { maxMonthlyUsd: 1 })).message).toContain('no selected rule takes the option "maxMonthlyUsd": the selected rules take no options');
  });

  test.each([
    ['a value that is not a number', { maxMonthlyUsd: '250k' }, 'AIRA_E_POLICY_USAGE: --option maxMonthlyUsd: needs a number (got "250k"). Fix: write e.g. --option maxMonthlyUsd=1000'],
    ['a budget of zero', { maxMonthlyUsd: '0' }, 'AIRA_E_POLICY_USAGE: --option maxMonthlyUsd: must be a positive number (got 0). Fix: give maxMonthlyUsd a positive value'],
    ['a negative ceiling', { maxGco2PerKwh: -1 }, 'AIRA_E_POLICY_USAGE: --option maxGco2PerKwh: must be a number of at least 0 (got -1). Fix: give maxGco2PerKwh a non-negative value'],
  ])('%s is a usage error', (_n, options, message) => {
    expect(errorOf(() => check(['aira-cost-carbon'], options))).toEqual({ code: PolicyErrorCodes.USAGE, message });
  });

  test('boolean and string options of a user\'s rule are parsed to their type', () => {
    const seen: Array<Record<string, RuleOptionValue>> = [];
    const make = (values: Record<string, RuleOptionValue> = {}): Rule => ({
      id: 'ACME-TAG-001',
      title: 't',
      severity: 'low',
      rationale: 'r',
      remediation: 'f',
      resourceTypes: ['aws_s3_bucket'],
      frameworks: {},
      references: [],
      options: [
        { name: 'strict', type: 'boolean', description: 'fail on a missing tag', default: false },
        { name: 'tagKey', type: 'string', description: 'the tag to require', default: 'owner' },
      ],
      configure(v) {
        seen.push(v);
        return make(v);
      },
      check: () => ({ status: 'pass', message: JSON.stringify(values) }),
    });
    const selected = selectRules([make()], [], []);
    configureRules(selected, { strict: 'true', tagKey: 'team' });
    expect(seen).toEqual([{ strict: true, tagKey: 'team' }]);
    expect(errorCodeOf(() => configureRules(selected, { strict: 'yes' }))).toBe(PolicyErrorCodes.USAGE);
    expect(configureRules(selected, {})[0].rule).toBe(selected[0].rule);
  });
});

describe('the rule contract for options', () => {
  const base = { id: 'ACME-X-001', title: 't', severity: 'low', rationale: 'r', remediation: 'f', resourceTypes: ['aws_s3_bucket'], frameworks: {}, references: [], check: () => ({ status: 'pass', message: 'ok' }) };
  test.each([
    ['options without configure', { options: [{ name: 'max', type: 'number', description: 'd' }] }, 'declares options but has no configure function'],
    ['a name that is not camel case', { options: [{ name: 'Max_Usd', type: 'number', description: 'd' }], configure: () => base }, 'an option whose name is not lower camel case'],
    ['an unknown type', { options: [{ name: 'max', type: 'integer', description: 'd' }], configure: () => base }, 'option max has type "integer"'],
    ['no description', { options: [{ name: 'max', type: 'number' }], configure: () => base }, 'option max has no description'],
    ['a name twice', { options: [{ name: 'max', type: 'number', description: 'd' }, { name: 'max', type: 'number', description: 'd' }], configure: () => base }, 'declares the option max twice'],
  ])('%s: INVALID_RULE', (_n, extra, problem) => {
    const e = errorOf(() => validateRule({ ...base, ...extra }, 'rules.js'));
    expect(e.code).toBe(PolicyErrorCodes.INVALID_RULE);
    expect(e.message).toContain(problem);
  });
});

describe('aira rules lists each rule\'s options', () => {
  test('text, Markdown (RULES.md) and JSON', () => {
    const text = renderRulesText(BUILTIN_RULES, BUILTIN_PACKS);
    expect(text).toMatch(/AIRA-CST-002 +high +Each stack's accelerator pools stay within the monthly budget at their maximum sizes\n +--option maxMonthlyUsd=<number> +Budget of each stack/);
    expect(text).toContain('--option maxGco2PerKwh=<number>  Highest acceptable average grid carbon intensity of an accelerator pool\'s region, gCO2e per kWh (default 480)');
    expect(text).toContain('pack aira-cost-carbon: AIRA-CST-001, AIRA-CST-002, AIRA-CST-003, AIRA-GLD-006');
    expect(renderRulesMarkdown(BUILTIN_RULES, BUILTIN_PACKS)).toContain('- Option `--option maxKgCo2ePerHour=<number>`: Ceiling of each stack\'s estimated emissions');
    const json = JSON.parse(renderRulesJson(BUILTIN_RULES, BUILTIN_PACKS));
    expect(json.rules.find((r: { id: string }) => r.id === 'AIRA-CST-001').options).toEqual([
      { name: 'maxPoolMonthlyUsd', type: 'number', description: "Budget of each node pool: estimated on-demand USD per month (730 hours) at the pool's maximum size" },
    ]);
  });
});

describe('aira check --option', () => {
  const dir = scratch('cost-options');
  const file = path.join(dir, 'plan.json');
  // 2 x Standard_ND96asr_v4 in eastus: 2 x 27.197 x 730 = USD 39,707.62 per month.
  fs.writeFileSync(file, JSON.stringify(planDoc([{ type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { sku: 'Standard_ND96asr_v4', instances: 2, location: 'eastus', tags: { 'aira:plane': 'training' } } }])));
  const run = (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => '', writeFile: () => undefined, env: {}, isTTY: false, cwd: process.cwd() };
    return { code: main(argv, io), stdout, stderr };
  };

  test('a budget below the estimate fails the run (exit 1); above it, exit 0', () => {
    const over = run(['check', file, '--pack', 'aira-cost-carbon', '--option', 'maxMonthlyUsd=39000']);
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('[FAIL] AIRA-CST-002 azurerm_linux_virtual_machine_scale_set.v: stack total USD 39,707.62 per month over 1 pool at maximum size: over the budget of USD 39,000.00');
    expect(run(['check', file, '--pack', 'aira-cost-carbon', '--option=maxMonthlyUsd=40000', '--option', 'maxPoolMonthlyUsd=40000']).code).toBe(0);
  });

  test('an unknown key or a bad value: exit 2, one line naming the code', () => {
    const bad = run(['check', file, '--pack', 'aira-cost-carbon', '--option', 'budget=5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'aira check: AIRA_E_POLICY_USAGE: --option budget: no selected rule takes the option "budget" (known keys: maxGco2PerKwh, maxKgCo2ePerHour, maxMonthlyUsd, maxPoolMonthlyUsd). Fix: use a key the selected rules declare (`aira rules` lists them), or select the pack whose rules take it (e.g. --pack aira-cost-carbon)\n',
    );
    expect(run(['check', file, '--option', 'maxMonthlyUsd']).stderr).toContain('AIRA_E_POLICY_USAGE: --option maxMonthlyUsd: an option is written key=value');
    expect(run(['check', file, '--option', 'maxMonthlyUsd=lots']).code).toBe(2);
  });

  test('documented in aira check --help', () => {
    expect(run(['check', '--help']).stdout).toContain('--option <key=value>         a rule option, e.g. a budget: --option maxMonthlyUsd=250000');
  });
});
