import { blocks, fail, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { Rule, UNKNOWN, Verdict } from '../../lib/policy/types';

/** AWS launch templates require IMDSv2 session tokens. */
export const imdsv2Required: Rule = {
  id: 'AIRA-CMP-001',
  title: 'Launch templates require IMDSv2',
  severity: 'high',
  rationale:
    'IMDSv1 answers any GET, so a server-side request forgery in a notebook, model server or data loader can read the node role\'s credentials. ' +
    'IMDSv2 needs a PUT-issued session token (metadata_options.http_tokens = "required").',
  remediation: 'Set metadata_options { http_tokens = "required" } (and http_put_response_hop_limit = 1 unless containers need 2) on the launch template.',
  resourceTypes: ['aws_launch_template'],
  frameworks: {
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC6.1'],
    hipaa: ['164.312(a)(1)'],
  },
  references: ['CKV_AWS_79', 'AVD-AWS-0130'],
  docs: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html'],
  check(r): Verdict {
    const opts = blocks(r, ['metadata_options']);
    if (opts === UNKNOWN) return unknown('metadata_options is known only after apply', 'metadata_options');
    if (!opts.length) return fail('no metadata_options: the instance metadata service accepts IMDSv1 unless the account default says otherwise', 'metadata_options');
    const endpoint = stringAt(r, [...opts[0], 'http_endpoint']);
    if (endpoint === 'disabled') return pass('the instance metadata service is disabled', [...opts[0], 'http_endpoint']);
    const tokens = stringAt(r, [...opts[0], 'http_tokens']);
    if (tokens === UNKNOWN) return unknown('http_tokens is known only after apply', [...opts[0], 'http_tokens']);
    return tokens === 'required' ? pass('IMDSv2 required', [...opts[0], 'http_tokens']) : fail(`http_tokens = ${tokens ?? 'unset (optional)'}: IMDSv1 is accepted`, [...opts[0], 'http_tokens']);
  },
};
