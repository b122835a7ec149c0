/** `aira rules`: the rule catalog (RULES.md is its Markdown form). */
import * as path from 'path';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../policy/builtin';
import { controlMatrix, resolveFramework } from '../policy/frameworks';
import { loadPolicyDir } from '../policy/policy-dir';
import { renderControlMatrixJson, renderControlMatrixMarkdown, renderControlMatrixText, renderRulesJson, renderRulesMarkdown, renderRulesText } from '../policy/reporters';
import { ruleSet } from '../policy/rules';
import { OptionSpec, parseArgs, usageError } from './args';
import { CliIo } from './io';

export const RULES_HELP = `Usage: aira rules [--format text|md|json] [--policy-dir <dir>] [--framework <f>]

Lists the policy rules with their metadata (severity, rationale, fix, resource types, framework
mappings, equivalent Checkov / Trivy ids) and the packs.

  --framework <f>   iso27001|soc2|hipaa|fips140-3|eu-ai-act: print the control-to-rule matrix
                    instead (each control some rule maps to, its rules, their severity and packs).
                    Passing rules is evidence for a control, not certification.

Examples:
  aira rules --format md > RULES.md
  aira rules --framework soc2 --format md
`;

/** The options `aira rules` accepts (exported so tests can validate documented command lines). */
export const SPECS: OptionSpec[] = [
  { name: 'format', type: 'string', choices: ['text', 'md', 'markdown', 'json'] },
  { name: 'policy-dir', type: 'string', repeat: true },
  { name: 'framework', type: 'string' },
  { name: 'help', type: 'boolean' },
];

export function runRules(argv: readonly string[], io: CliIo): number {
  const args = parseArgs('rules', argv, SPECS);
  if (args.flags.has('help')) {
    io.stdout(RULES_HELP);
    return 0;
  }
  if (args.positionals.length) throw usageError('rules', `unexpected argument ${args.positionals[0]}`, 'run `aira rules --help`');
  const own = (args.values.get('policy-dir') ?? []).map((d) => loadPolicyDir(path.resolve(io.cwd, d)));
  const rules = ruleSet([...BUILTIN_RULES, ...own.flatMap((o) => o.rules)], '--policy-dir');
  const packs = [...BUILTIN_PACKS, ...own.flatMap((o) => o.packs)];
  const format = args.values.get('format')?.[0] ?? 'text';
  const framework = args.values.get('framework')?.[0];
  if (framework !== undefined) {
    const m = controlMatrix(rules, packs, resolveFramework(framework));
    io.stdout(format === 'json' ? renderControlMatrixJson(m) : format === 'text' ? renderControlMatrixText(m) : renderControlMatrixMarkdown(m));
    return 0;
  }
  io.stdout(format === 'json' ? renderRulesJson(rules, packs) : format === 'text' ? renderRulesText(rules, packs) : renderRulesMarkdown(rules, packs));
  return 0;
}
