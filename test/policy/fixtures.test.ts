/**
 * Real plans and cdk.tf.json files written by public projects (../shared/fixtures, see its SOURCES.tsv):
 * every one loads and is checked with no error result; specific verdicts are asserted on several.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { check } from '../../lib/policy/check';
import { PolicyResult } from '../../lib/policy/types';
import { FIXTURES, HAVE_FIXTURES } from './helpers/docs';

const files = HAVE_FIXTURES
  ? ['plans', 'cdktf'].flatMap((d) =>
      fs
        .readdirSync(path.join(FIXTURES, d))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(d, f)),
    )
  : [];

function resultsOf(file: string): readonly PolicyResult[] {
  return check([path.join(FIXTURES, file)], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, includePassed: true, discoverSuppressions: false }).all;
}

const status = (rs: readonly PolicyResult[], rule: string, address: string) => rs.find((r) => r.ruleId === rule && r.address === address)?.status;

(HAVE_FIXTURES ? describe : describe.skip)('real fixtures', () => {
  if (!HAVE_FIXTURES) test.skip('shared fixtures folder is absent: skipped', () => undefined);

  test('the folder holds the expected files', () => {
    expect(files.length).toBeGreaterThanOrEqual(32);
  });

  test.each(files)('%s loads and is checked with no error result', (file) => {
    const bundle = check([path.join(FIXTURES, file)], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, includePassed: true, discoverSuppressions: false });
    expect(bundle.report.inputs).toHaveLength(1);
    expect(bundle.report.summary.byStatus.error).toBe(0);
    expect(bundle.report.inputs[0].resources).toBeGreaterThan(0);
  });

  test('trivy plan: a bucket encrypted by the separate resource (linked by reference) passes; port 80 from anywhere is not SSH', () => {
    const rs = resultsOf('plans/aquasecurity__trivy__pkg__iac__scanners__terraformplan__tfjson__testdata__plan.json');
    expect(status(rs, 'AIRA-STO-001', 'aws_s3_bucket.planbucket')).toBe('pass');
    expect(status(rs, 'AIRA-NET-001', 'aws_security_group.sg')).toBe('pass');
  });

  test('checkov plan (0.12, format 0.1): unencrypted buckets fail, the bucket with inline aws:kms passes, SSH from 0.0.0.0/0 fails', () => {
    const rs = resultsOf('plans/bridgecrewio__checkov__tests__terraform__runner__resources__plan__tfplan.json');
    expect(status(rs, 'AIRA-STO-001', 'aws_s3_bucket.data')).toBe('fail');
    expect(status(rs, 'AIRA-STO-001', 'aws_s3_bucket.logs')).toBe('pass');
    expect(status(rs, 'AIRA-NET-001', 'aws_security_group.web-node')).toBe('fail');
    expect(status(rs, 'AIRA-NET-002', 'aws_security_group.web-node')).toBe('pass');
    expect(status(rs, 'AIRA-NET-001', 'aws_security_group_rule.ingress')).toBe('pass');
    expect(status(rs, 'AIRA-CHG-001', 'aws_db_instance.default')).toBe('pass');
  });

  test('checkov nested child modules: module addresses, buckets in nested modules fail', () => {
    const rs = resultsOf('plans/bridgecrewio__checkov__tests__terraform__runner__resources__plan_nested_child_modules_with_connections__tfplan.json');
    expect(status(rs, 'AIRA-STO-001', 'module.s3_module.module.s3_submodule.aws_s3_bucket.submodule_bucket')).toBe('fail');
  });

  test('terraform-compliance azurerm plan: NSG rules open to * fail SSH on the Linux module and RDP on the Windows module', () => {
    const rs = resultsOf('plans/terraform-compliance__cli__tests__functional__test_issue-294__plan.out.json');
    expect(status(rs, 'AIRA-NET-001', 'module.linuxservers-fail.azurerm_network_security_rule.vm')).toBe('fail');
    expect(status(rs, 'AIRA-NET-002', 'module.windowsservers-pass.azurerm_network_security_rule.vm')).toBe('fail');
    expect(status(rs, 'AIRA-NET-002', 'module.linuxservers-fail.azurerm_network_security_rule.vm')).toBe('pass');
  });

  test('google firewall plan: deny-only, disabled and tag-sourced rules pass', () => {
    const rs = resultsOf('plans/GoogleCloudPlatform__terraform-validator__testdata__templates__full_compute_firewall.tfplan.json');
    for (const n of [1, 2, 3]) expect(status(rs, 'AIRA-NET-001', `google_compute_firewall.full_list_default_${n}`)).toBe('pass');
  });

  test('cdktf ec2RuntimeMonitor: an all-protocol ingress from 0.0.0.0/0 fails SSH and RDP, with the construct path', () => {
    const rs = resultsOf('cdktf/aws-samples__ec2RuntimeMonitor__cdk.tf.json');
    const ssh = rs.find((r) => r.ruleId === 'AIRA-NET-001' && r.address === 'aws_security_group.lambdaSecurityGroup')!;
    expect(ssh.status).toBe('fail');
    expect(ssh.constructPath).toBe('id/lambdaSecurityGroup');
    expect(status(rs, 'AIRA-NET-002', 'aws_security_group.lambdaSecurityGroup')).toBe('fail');
    expect(status(rs, 'AIRA-CHG-001', 'aws_dynamodb_table.dynamoDbTable')).toBe('not_applicable');
  });

  test('cdktf S3 website: the bucket without encryption fails at synth time', () => {
    const rs = resultsOf('cdktf/Kuwabuga__configure-aws-s3-website__cdktf.out__stacks__website-stack__cdk.tf.json');
    expect(status(rs, 'AIRA-STO-001', 'aws_s3_bucket.undefinedundefined-bucket')).toBe('fail');
  });

  test('cdktf stacks with module calls say what they could not look into', () => {
    const bundle = check([path.join(FIXTURES, 'cdktf/gouv-nc-data__gcp-function__cdktf.out__stacks__gcp-function__cdk.tf.json')], { rules: BUILTIN_RULES, discoverSuppressions: false });
    expect(bundle.report.inputs[0].notes.join()).toMatch(/1 module call\(s\) not evaluated/);
  });

  test('plans with sensitive values and action_reason load; the tainted replacement is read', () => {
    const bundle = check([path.join(FIXTURES, 'plans/hashicorp__terraform-json__testdata__action_reason__plan.json')], { rules: BUILTIN_RULES, discoverSuppressions: false });
    expect(bundle.report.inputs[0].formatVersion).toBe('1.2');
  });
});
