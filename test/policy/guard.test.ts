import * as fs from 'fs';
import * as path from 'path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { AcceleratorPool, SegmentedNetwork } from '../../lib/aws';
import { AwsStack } from '../../lib/aws/stack';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { check } from '../../lib/policy/check';
import { PolicyGuard } from '../../lib/policy/guard';
import { Suppressions } from '../../lib/policy/suppressions';
import { errorCodeOf } from '../helpers/synth';
import { planDoc, scratch } from './helpers/docs';

const SSH_OPEN = [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }];

function build(name: string, context?: Record<string, string>) {
  const outdir = scratch(`guard-${name}`);
  const app = new App({ outdir, stackTraces: false, context });
  const stack = new AwsStack(app, 'net', { region: 'us-east-1' });
  return { app, stack, outdir };
}

const readSuppressions = (outdir: string, stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'aira-suppressions.json'), 'utf8'));
const annotations = (outdir: string, stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks[stack].annotations as Array<{ level: string; message: string; constructPath: string }>;

describe('Suppressions.of(construct)', () => {
  test('a reason under 10 characters, or no id, is an AiraError with the construct path', () => {
    const { stack } = build('short');
    const sg = new SecurityGroup(stack, 'bastion', { ingress: SSH_OPEN });
    expect(errorCodeOf(() => Suppressions.of(sg).add({ id: 'AIRA-NET-001', reason: 'ok' }))).toBe('AIRA_E_INVALID_PROP');
    expect(() => Suppressions.of(sg).add({ id: 'AIRA-NET-001', reason: 'too short' })).toThrow(/net\/bastion: suppression AIRA-NET-001 has a reason under 10 characters/);
    expect(errorCodeOf(() => Suppressions.of(sg).add({ id: ' ', reason: 'a long enough reason' }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('synth writes them to stacks/<stack>/aira-suppressions.json keyed by Terraform address', () => {
    const { app, stack, outdir } = build('write');
    const group = new Construct(stack, 'edge');
    const sg = new SecurityGroup(group, 'bastion', { ingress: SSH_OPEN });
    new S3Bucket(group, 'site', {});
    Suppressions.of(group).add({ id: 'AIRA-NET-001', reason: 'bastion reached only from the office VPN', appliesTo: ['aws_security_group'] });
    Suppressions.of(new Construct(stack, 'empty')).add({ id: 'AIRA-STO-001', reason: 'nothing under this construct yet' });
    app.synth();
    const file = readSuppressions(outdir, 'net');
    expect(file).toEqual({
      version: 1,
      tool: 'aira',
      stack: 'net',
      suppressions: { [`aws_security_group.${sg.friendlyUniqueId}`]: [{ id: 'AIRA-NET-001', reason: 'bastion reached only from the office VPN', constructPath: 'net/edge' }] },
      unmatched: [{ id: 'AIRA-STO-001', reason: 'nothing under this construct yet', constructPath: 'net/empty' }],
    });
  });

  test('a suppression on the App covers every stack, also stacks created after it', () => {
    const outdir = scratch('guard-app-sup');
    const app = new App({ outdir, stackTraces: false });
    Suppressions.of(app).add({ id: 'AIRA-STO-001', reason: 'sandbox account, data is synthetic', appliesTo: ['aws_s3_bucket'] });
    for (const name of ['one', 'two']) new S3Bucket(new AwsStack(app, name, { region: 'us-east-1' }), 'b', {});
    app.synth();
    expect(Object.keys(readSuppressions(outdir, 'one').suppressions)).toEqual(['aws_s3_bucket.b']);
    expect(Object.keys(readSuppressions(outdir, 'two').suppressions)).toEqual(['aws_s3_bucket.b']);
  });

  test('the written file suppresses the same finding on the plan (same address)', () => {
    const { app, stack, outdir } = build('roundtrip');
    const bucket = new S3Bucket(stack, 'public-data', {});
    Suppressions.of(bucket).add({ id: 'CKV_AWS_19', reason: 'public dataset mirror, nothing secret' });
    app.synth();
    const stackDir = path.join(outdir, 'stacks', 'net');
    const address = `aws_s3_bucket.${bucket.friendlyUniqueId}`;
    // terraform show -json written in the stack folder, as CI runs it.
    fs.writeFileSync(path.join(stackDir, 'plan.json'), JSON.stringify(planDoc([{ type: 'aws_s3_bucket', name: bucket.friendlyUniqueId, values: {} }])));
    for (const target of [path.join(stackDir, 'plan.json'), outdir]) {
      const bundle = check([target], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: ['aira-baseline'] });
      const r = bundle.report.results.find((x) => x.ruleId === 'AIRA-STO-001' && x.address === address)!;
      expect(r.status).toBe('suppressed');
      expect(r.suppression).toMatchObject({ status: 'fail', reason: 'public dataset mirror, nothing secret' });
      expect(bundle.report.summary.passed).toBe(true);
    }
  });
});

describe('PolicyGuard', () => {
  test('a finding at or above failOn fails synth with the rule id, construct path, message and fix', () => {
    const { app, stack } = build('fail');
    PolicyGuard.of(app, { failOn: 'high', packs: ['aira-baseline'] });
    new SecurityGroup(stack, 'open', { ingress: SSH_OPEN });
    expect(() => app.synth()).toThrow(/\[net\/open\] \[AIRA-NET-001\] aws_security_group\.open: inline ingress rule ingress\.0 allows SSH \(tcp 22\) from the internet\. Fix: Allow tcp 22/);
  });

  test('the same verdicts as aira check on the synthesized stack; lower severities are warnings', () => {
    const { app, stack, outdir } = build('warn');
    const guard = PolicyGuard.of(app, { failOn: 'critical', packs: ['aira-baseline'] });
    new SecurityGroup(stack, 'open', { ingress: SSH_OPEN });
    const ok = new S3Bucket(stack, 'ok', {});
    new S3BucketServerSideEncryptionConfigurationA(stack, 'ok-sse', { bucket: ok.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] });
    app.synth();
    const warnings = annotations(outdir, 'net').filter((a) => a.level === '@cdktf/warn');
    expect(warnings.map((w) => [w.constructPath, w.message.slice(0, 33)])).toEqual([['net/open', '[AIRA-NET-001] aws_security_group']]);
    const fromGuard = guard.reports.get('net')!.all.map((r) => [r.ruleId, r.address, r.status]);
    const fromCli = check([outdir], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: ['aira-baseline'], includePassed: true }).all.map((r) => [r.ruleId, r.address, r.status]);
    expect(fromGuard).toEqual(fromCli);
    expect(fromGuard).toEqual(expect.arrayContaining([['AIRA-STO-001', 'aws_s3_bucket.ok', 'pass']]));
  });

  test('a suppression in code lets synth pass and stays in the report; one matching nothing is a warning', () => {
    const { app, stack, outdir } = build('suppressed');
    const guard = PolicyGuard.of(app, { packs: ['aira-baseline'] });
    const sg = new SecurityGroup(stack, 'bastion', { ingress: SSH_OPEN });
    Suppressions.of(sg).add({ id: 'AIRA-NET-001', reason: 'bastion reached only from the office VPN' });
    Suppressions.of(sg).add({ id: 'AIRA-NET-002', reason: 'no RDP here, stale suppression' });
    app.synth();
    const r = guard.reports.get('net')!.report.results.find((x) => x.ruleId === 'AIRA-NET-001')!;
    expect(r).toMatchObject({ status: 'suppressed', constructPath: 'net/bastion', suppression: { origin: 'code', reason: 'bastion reached only from the office VPN' } });
    expect(annotations(outdir, 'net').map((a) => a.message)).toEqual([expect.stringMatching(/suppression AIRA-NET-002 matches nothing on aws_security_group\.bastion/)]);
  });

  test('a guarded stack is resolved once for the guard and cdk.tf.json; the file is the same as without the guard', () => {
    const make = (name: string, guarded: boolean) => {
      const { app, stack, outdir } = build(name);
      if (guarded) PolicyGuard.of(app, { packs: ['aira-baseline'] });
      const b = new S3Bucket(stack, 'ok', {});
      new S3BucketServerSideEncryptionConfigurationA(stack, 'ok-sse', { bucket: b.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] });
      return { app, stack, outdir };
    };
    const plain = make('once-plain', false);
    plain.app.synth();
    const guarded = make('once-guarded', true);
    const spy = jest.spyOn(AwsStack.prototype, 'toTerraform');
    try {
      guarded.app.synth();
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    const written = (outdir: string) => fs.readFileSync(path.join(outdir, 'stacks', 'net', 'cdk.tf.json'), 'utf8');
    expect(written(guarded.outdir)).toBe(written(plain.outdir));
    // The hand-over is used once: afterwards the stack resolves afresh again.
    expect(Object.prototype.hasOwnProperty.call(guarded.stack, 'toTerraform')).toBe(false);
  });

  test('a synth stopped by the guard leaves the stack resolving afresh', () => {
    const { app, stack } = build('stopped');
    PolicyGuard.of(app, { packs: ['aira-baseline'] });
    new SecurityGroup(stack, 'open', { ingress: SSH_OPEN });
    expect(() => app.synth()).toThrow(/AIRA-NET-001/);
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
  });

  test('added before its stacks exist, or to one stack; packs select rules', () => {
    const outdir = scratch('guard-late');
    const app = new App({ outdir, stackTraces: false });
    PolicyGuard.of(app, { packs: ['aira-change-safety'] });
    const late = new AwsStack(app, 'late', { region: 'us-east-1' });
    new SecurityGroup(late, 'open', { ingress: SSH_OPEN });
    // Only the plan-time rule is in the pack: the open SSH is not checked, synth passes.
    expect(() => app.synth()).not.toThrow();
    const other = build('stack-scope');
    PolicyGuard.of(other.stack);
    new SecurityGroup(other.stack, 'open', { ingress: SSH_OPEN });
    expect(() => other.app.synth()).toThrow(/AIRA-NET-001/);
  });

  test('rule options reach the rules at synth as in aira check: a monthly budget fails synth once it is exceeded', () => {
    const pooled = (name: string) => {
      const b = build(name, { 'aira:today': '2026-11-22' });
      const network = new SegmentedNetwork(b.stack, 'net', { cidr: '10.11.0.0/16', zones: ['us-east-1a', 'us-east-1b'] });
      new AcceleratorPool(b.stack, 'pool', { network, sku: 'p5.48xlarge', nodes: 4 });
      return b;
    };
    // Without a budget the cost rules pass; a 4-node p5.48xlarge pool costs far more than USD 1,000 a month.
    const open = pooled('options-none');
    PolicyGuard.of(open.app, { packs: ['aira-cost-carbon'] });
    expect(() => open.app.synth()).not.toThrow();
    const tight = pooled('options-tight');
    const guard = PolicyGuard.of(tight.app, { packs: ['aira-cost-carbon'], options: { maxMonthlyUsd: 1000 } });
    expect(() => tight.app.synth()).toThrow(/\[AIRA-CST-002\] aws_autoscaling_group\.pool_scaling_group_\w+: stack total USD 160,716\.80 per month .* over the budget of USD 1,000\.00/);
    expect(guard.reports.get('net')!.all.filter((r) => r.status === 'fail').map((r) => r.ruleId).sort()).toEqual(['AIRA-CST-002']);
    // Text values are parsed as on the command line.
    const text = pooled('options-text');
    PolicyGuard.of(text.app, { packs: ['aira-cost-carbon'], options: { maxMonthlyUsd: '1e9' } });
    expect(() => text.app.synth()).not.toThrow();
  });

  test('an option no selected rule takes, or a value of the wrong type, is an AiraError naming the guard', () => {
    expect(() => PolicyGuard.of(build('opt-key').app, { packs: ['aira-baseline'], options: { maxMonthlyUsd: 1000 } })).toThrow(
      /AIRA_E_INVALID_PROP: <app>: PolicyGuard options: no selected rule takes the option "maxMonthlyUsd"/,
    );
    expect(errorCodeOf(() => PolicyGuard.of(build('opt-type').app, { packs: ['aira-cost-carbon'], options: { maxMonthlyUsd: 'lots' } }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('added twice, an unknown pack or a bad failOn is an AiraError', () => {
    const { app } = build('twice');
    PolicyGuard.of(app, { packs: ['aira-baseline'] });
    expect(errorCodeOf(() => PolicyGuard.of(app))).toBe('AIRA_E_INVALID_PROP');
    expect(() => PolicyGuard.of(build('pack').app, { packs: ['nope'] })).toThrow(/no pack "nope"/);
    expect(errorCodeOf(() => PolicyGuard.of(build('sev').app, { failOn: 'urgent' as any }))).toBe('AIRA_E_INVALID_PROP');
  });
});
