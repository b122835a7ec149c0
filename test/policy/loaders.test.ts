import * as fs from 'fs';
import * as path from 'path';
import { PolicyErrorCodes } from '../../lib/policy/errors';
import { classify, loadDocument, loadPath, loadText, parseJson } from '../../lib/policy/load';
import { parseReference, tokenReferences } from '../../lib/policy/references';
import { UNKNOWN } from '../../lib/policy/types';
import { stripInstanceKeys } from '../../lib/policy/view';
import { planDoc, scratch, synthDoc } from './helpers/docs';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return String((e as { code?: string }).code);
  }
  throw new Error('expected an error');
};

describe('plan loader', () => {
  const doc = planDoc([
    { type: 'aws_s3_bucket', name: 'data', values: { bucket: 'd', tags: { a: 'b' } }, afterUnknown: { id: true, arn: true, server_side_encryption_configuration: true }, afterSensitive: { tags: { a: true } } },
    {
      type: 'aws_s3_bucket_server_side_encryption_configuration',
      name: 'sse',
      values: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] },
      afterUnknown: { bucket: true, id: true },
      expressions: { bucket: { references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] }, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: { constant_value: 'aws:kms' } }] }] },
    },
    { type: 'aws_instance', name: 'web', index: 0, module: 'module.app', values: { ami: 'ami-1' } },
    { type: 'aws_ebs_volume', name: 'old', actions: ['delete'], before: { size: 10 }, actionReason: 'delete_because_no_resource_config' },
    { type: 'aws_db_instance', name: 'db', actions: ['delete', 'create'], values: { engine: 'postgres' }, before: { engine: 'mysql' }, replacePaths: [['engine']] },
  ]);
  const input = loadDocument(doc, 'plan.json');
  const by = (a: string) => input.resources.find((r) => r.address === a)!;

  test('one view per resource change, with Terraform addresses, modules and instance keys', () => {
    expect(input.source).toBe('plan');
    expect(input.formatVersion).toBe('1.2');
    expect(input.resources.map((r) => r.address)).toEqual([
      'aws_s3_bucket.data',
      'aws_s3_bucket_server_side_encryption_configuration.sse',
      'module.app.aws_instance.web[0]',
      'aws_ebs_volume.old',
      'aws_db_instance.db',
    ]);
    const web = by('module.app.aws_instance.web[0]');
    expect(web.configAddress).toBe('module.app.aws_instance.web');
    expect(web.module).toBe('module.app');
    expect(web.provider).toBe('registry.terraform.io/hashicorp/aws');
  });

  test('unknown values read as UNKNOWN only where the configuration sets them; provider-computed ones read as absent', () => {
    const sse = by('aws_s3_bucket_server_side_encryption_configuration.sse');
    expect(sse.get('bucket')).toBe(UNKNOWN);
    expect(sse.isUnknown(['bucket'])).toBe(true);
    const bucket = by('aws_s3_bucket.data');
    // Not set in the configuration: computed by the provider, exactly as absent in the synthesized stack.
    expect(bucket.get('server_side_encryption_configuration')).toBeUndefined();
    expect(bucket.get(['tags', 'a'])).toBe('b');
    expect(bucket.isSensitive('tags.a')).toBe(true);
    expect(bucket.isSensitive('bucket')).toBe(false);
  });

  test('references come from configuration expressions, with the local attribute that holds them', () => {
    expect([...by('aws_s3_bucket_server_side_encryption_configuration.sse').references]).toEqual([['aws_s3_bucket.data', ['bucket']]]);
  });

  test('a deletion reads the values before; actions, replace paths and the action reason are kept', () => {
    const old = by('aws_ebs_volume.old');
    expect(old.actions).toEqual(['delete']);
    expect(old.get('size')).toBe(10);
    expect(old.actionReason).toBe('delete_because_no_resource_config');
    const db = by('aws_db_instance.db');
    expect(db.actions).toEqual(['delete', 'create']);
    expect(db.replacePaths).toEqual(['engine']);
    expect(db.get('engine')).toBe('postgres');
  });

  test('without configuration every unknown stays unknown', () => {
    const bare = { ...doc, configuration: undefined };
    const b = loadDocument(bare, 'p.json').resources.find((r) => r.address === 'aws_s3_bucket.data')!;
    expect(b.get('server_side_encryption_configuration')).toBe(UNKNOWN);
  });

  test('format 0.1 is read; an unsupported major version is rejected with a clear message', () => {
    expect(loadDocument(planDoc([], '0.1'), 'old.json').formatVersion).toBe('0.1');
    expect(codeOf(() => loadDocument(planDoc([], '2.0'), 'new.json'))).toBe(PolicyErrorCodes.UNSUPPORTED_FORMAT);
    expect(() => loadDocument(planDoc([], '2.0'), 'new.json')).toThrow(/new\.json: plan format_version 2\.0 is not supported/);
    expect(codeOf(() => loadDocument({ resource_changes: [] }, 'x.json'))).toBe(PolicyErrorCodes.UNKNOWN_INPUT);
  });

  test('deposed objects are skipped with a note', () => {
    const d = planDoc([{ type: 'aws_instance', name: 'a', values: {} }]);
    d.resource_changes.push({ ...d.resource_changes[0], deposed: 'abcd1234', change: { actions: ['delete'], before: {}, after: null } });
    const i = loadDocument(d, 'p.json');
    expect(i.resources).toHaveLength(1);
    expect(i.notes.join()).toMatch(/1 deposed object/);
  });

  test('a plan with planned_values but no resource_changes still loads', () => {
    const d = { format_version: '0.1', planned_values: { root_module: { resources: [{ address: 'aws_vpc.a', mode: 'managed', type: 'aws_vpc', name: 'a', values: { cidr_block: '10.0.0.0/16' } }], child_modules: [{ resources: [{ address: 'module.m.aws_vpc.b', mode: 'managed', type: 'aws_vpc', name: 'b', values: {} }] }] } } };
    expect(loadDocument(d, 'p.json').resources.map((r) => r.address)).toEqual(['aws_vpc.a', 'module.m.aws_vpc.b']);
  });

  test('data sources read at plan time come from prior_state as data views; a deferred read in resource_changes wins', () => {
    const SSM = '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id';
    const d = planDoc([
      { type: 'aws_launch_template', name: 't', values: { image_id: 'ami-0a1b2c3d4e5f60718' }, expressions: { image_id: { references: ['data.aws_ssm_parameter.gpu.insecure_value', 'data.aws_ssm_parameter.gpu'] } } },
      { type: 'aws_ami', name: 'later', mode: 'data', actions: ['read'], values: { owners: ['amazon'] }, afterUnknown: { id: true } },
    ]);
    d.prior_state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            { address: 'data.aws_ssm_parameter.gpu', mode: 'data', type: 'aws_ssm_parameter', name: 'gpu', provider_name: 'registry.terraform.io/hashicorp/aws', values: { name: SSM, insecure_value: 'ami-0a1b2c3d4e5f60718' }, sensitive_values: { value: true } },
            { address: 'data.aws_ami.later', mode: 'data', type: 'aws_ami', name: 'later', values: { owners: ['amazon'], id: 'stale' } },
            { address: 'aws_vpc.v', mode: 'managed', type: 'aws_vpc', name: 'v', values: {} },
          ],
        },
      },
    };
    const views = loadDocument(d, 'p.json').resources;
    expect(views.map((r) => r.address)).toEqual(['aws_launch_template.t', 'data.aws_ami.later', 'data.aws_ssm_parameter.gpu']);
    const ssm = views.find((r) => r.address === 'data.aws_ssm_parameter.gpu')!;
    expect(ssm).toMatchObject({ mode: 'data', type: 'aws_ssm_parameter', actions: [] });
    expect(ssm.get('name')).toBe(SSM);
    expect(ssm.isSensitive('value')).toBe(true);
    expect(views.find((r) => r.address === 'data.aws_ami.later')!.actions).toEqual(['read']);
  });
});

describe('synth loader (cdk.tf.json)', () => {
  const doc = synthDoc(
    {
      aws_vpc: { net_vpc_1A2B: { cidr_block: '10.0.0.0/16' } },
      aws_security_group: { sg: { vpc_id: '${aws_vpc.net_vpc_1A2B.id}', name: 'x', dynamic: { ingress: { for_each: '${var.rules}', content: {} } } } },
      aws_vpc_security_group_ingress_rule: { in: { security_group_id: '${aws_security_group.sg.id}', cidr_ipv4: '${aws_vpc.net_vpc_1A2B.cidr_block}', ip_protocol: 'tcp', from_port: 22, to_port: 22 } },
      aws_s3_bucket: { b: { bucket: 'logs-${var.env}', count: 2 } },
    },
    { aws_caller_identity: { me: {} } },
  );
  const input = loadDocument(doc, 'cdk.tf.json', 'stack');
  const by = (a: string) => input.resources.find((r) => r.address === a)!;

  test('logical ids become Terraform addresses; data sources get data.; construct paths come from metadata', () => {
    expect(input.source).toBe('synth');
    expect(input.resources.map((r) => r.address).sort()).toEqual([
      'aws_s3_bucket.b',
      'aws_security_group.sg',
      'aws_vpc.net_vpc_1A2B',
      'aws_vpc_security_group_ingress_rule.in',
      'data.aws_caller_identity.me',
    ]);
    expect(by('aws_vpc.net_vpc_1A2B').constructPath).toBe('stack/net_vpc_1A2B');
    expect(by('aws_vpc.net_vpc_1A2B').provider).toBe('registry.terraform.io/hashicorp/aws');
    expect(by('data.aws_caller_identity.me').mode).toBe('data');
  });

  test('interpolations are unknown and give references; a plain reference to a literal attribute is resolved', () => {
    const rule = by('aws_vpc_security_group_ingress_rule.in');
    expect(rule.get('security_group_id')).toBe(UNKNOWN);
    expect(rule.get('cidr_ipv4')).toBe('10.0.0.0/16');
    expect([...rule.references.keys()].sort()).toEqual(['aws_security_group.sg', 'aws_vpc.net_vpc_1A2B']);
    expect(rule.references.get('aws_security_group.sg')).toEqual(['security_group_id']);
    expect(by('aws_s3_bucket.b').get('bucket')).toBe(UNKNOWN);
  });

  test('meta-arguments are not values; a dynamic block is unknown; count is noted', () => {
    const sg = by('aws_security_group.sg');
    expect(sg.get('dynamic')).toBeUndefined();
    expect(sg.get('ingress')).toBe(UNKNOWN);
    expect(by('aws_s3_bucket.b').get('count')).toBeUndefined();
    expect(input.notes.join()).toMatch(/count or for_each/);
  });
});

describe('state loader', () => {
  test('values, modules and depends_on references; nothing unknown, no actions', () => {
    const state = {
      format_version: '1.0',
      terraform_version: '1.11.4',
      values: {
        root_module: {
          resources: [{ address: 'aws_s3_bucket.a', mode: 'managed', type: 'aws_s3_bucket', name: 'a', provider_name: 'registry.terraform.io/hashicorp/aws', values: { bucket: 'a' }, sensitive_values: {} }],
          child_modules: [{ address: 'module.m', resources: [{ address: 'module.m.aws_s3_bucket_server_side_encryption_configuration.s', mode: 'managed', type: 'aws_s3_bucket_server_side_encryption_configuration', name: 's', values: { bucket: 'a' }, depends_on: ['aws_s3_bucket.a'] }] }],
        },
      },
    };
    const i = loadDocument(state, 'state.json');
    expect(i.source).toBe('state');
    expect(i.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.a', 'module.m.aws_s3_bucket_server_side_encryption_configuration.s']);
    expect(i.resources[1].module).toBe('module.m');
    expect([...i.resources[1].references.keys()]).toEqual(['aws_s3_bucket.a']);
    expect(i.resources[0].actions).toEqual([]);
    expect(classify({ format_version: '1.0' })).toBe('state');
  });
});

describe('bad input: one PolicyError naming the file', () => {
  test.each([
    ['not JSON', 'hello', PolicyErrorCodes.INVALID_JSON, /not valid JSON/],
    ['truncated JSON', '{"format_version": "1.2", "resource_changes": [', PolicyErrorCodes.INVALID_JSON, /truncated JSON/],
    ['empty', '   ', PolicyErrorCodes.INVALID_JSON, /empty/],
    ['JSON that is no plan', '{"hello": 1}', PolicyErrorCodes.UNKNOWN_INPUT, /not a Terraform plan/],
    ['a JSON array', '[1,2]', PolicyErrorCodes.UNKNOWN_INPUT, /top level is an array/],
    ['an unsupported major', '{"format_version":"3.0","resource_changes":[]}', PolicyErrorCodes.UNSUPPORTED_FORMAT, /format_version 3\.0 is not supported/],
  ])('%s', (_n, text, code, message) => {
    expect(codeOf(() => loadText(text, 'in.json'))).toBe(code);
    expect(() => loadText(text, 'in.json')).toThrow(message);
    expect(() => loadText(text, 'in.json')).toThrow(/^AIRA_E_POLICY_\w+: in\.json: /);
  });

  test('a missing file and a directory without stacks', () => {
    const dir = scratch('loaders-empty');
    expect(codeOf(() => loadPath(path.join(dir, 'nope.json')))).toBe(PolicyErrorCodes.UNREADABLE_INPUT);
    expect(() => loadPath(dir)).toThrow(/holds no cdktf stacks/);
  });

  test('parseJson keeps the JSON error text', () => {
    expect(() => parseJson('{', 'f')).toThrow(/f: truncated JSON/);
  });
});

describe('paths: cdktf.out directory, manifest, stdin', () => {
  test('a cdktf.out directory loads every stack of its manifest, with the stack suppressions beside each', () => {
    const out = scratch('loaders-outdir');
    for (const s of ['b-stack', 'a-stack']) {
      fs.mkdirSync(path.join(out, 'stacks', s), { recursive: true });
      fs.writeFileSync(path.join(out, 'stacks', s, 'cdk.tf.json'), JSON.stringify(synthDoc({ aws_vpc: { [`v_${s}`]: { cidr_block: '10.0.0.0/16' } } })));
    }
    fs.writeFileSync(
      path.join(out, 'stacks', 'a-stack', 'aira-suppressions.json'),
      JSON.stringify({ version: 1, tool: 'aira', stack: 'a-stack', suppressions: { 'aws_vpc.v_a-stack': [{ id: 'AIRA-NET-001', reason: 'a reason that is long enough', constructPath: 'a-stack/v' }] }, unmatched: [] }),
    );
    const manifest = { version: '0.21.0', stacks: Object.fromEntries(['a-stack', 'b-stack'].map((s) => [s, { name: s, synthesizedStackPath: `stacks/${s}/cdk.tf.json`, workingDirectory: `stacks/${s}` }])) };
    fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
    const inputs = loadPath(out);
    expect(inputs.map((i) => i.stack)).toEqual(['a-stack', 'b-stack']);
    expect(inputs[0].suppressions).toEqual([{ id: 'AIRA-NET-001', address: 'aws_vpc.v_a-stack', reason: 'a reason that is long enough', origin: path.join(out, 'stacks', 'a-stack', 'aira-suppressions.json'), constructPath: 'a-stack/v' }]);
    expect(inputs[1].suppressions).toEqual([]);
    expect(loadPath(path.join(out, 'manifest.json')).map((i) => i.stack)).toEqual(['a-stack', 'b-stack']);
    // Without the manifest: stacks/* is enough; a stack folder alone too.
    fs.rmSync(path.join(out, 'manifest.json'));
    expect(loadPath(out).map((i) => i.stack)).toEqual(['a-stack', 'b-stack']);
    expect(loadPath(path.join(out, 'stacks', 'b-stack')).map((i) => i.stack)).toEqual(['b-stack']);
  });

  test('- reads standard input', () => {
    const [i] = loadPath('-', () => JSON.stringify(planDoc([{ type: 'aws_vpc', name: 'a', values: {} }])));
    expect(i.file).toBe('<stdin>');
    expect(i.resources).toHaveLength(1);
  });

  test('lines of resources are found for SARIF locations', () => {
    const text = JSON.stringify(planDoc([{ type: 'aws_vpc', name: 'a', values: {} }]), null, 2);
    const i = loadText(text, 'p.json');
    const line = i.lineOf!('aws_vpc.a')!;
    expect(text.split('\n')[line - 1]).toContain('"address": "aws_vpc.a"');
  });
});

describe('references and addresses', () => {
  test.each([
    ['aws_s3_bucket.b.id', { address: 'aws_s3_bucket.b', attribute: 'id' }],
    ['aws_instance.web[0].id', { address: 'aws_instance.web', attribute: 'id' }],
    ['data.aws_iam_policy_document.p.json', { address: 'data.aws_iam_policy_document.p', attribute: 'json' }],
    ['aws_s3_bucket.b', { address: 'aws_s3_bucket.b', attribute: '' }],
    ['var.x', undefined],
    ['local.y', undefined],
    ['module.vpc.vpc_id', undefined],
    ['count.index', undefined],
    ['each.value', undefined],
  ])('%s', (ref, expected) => {
    expect(parseReference(ref)).toEqual(expected);
  });

  test('references inside interpolations, functions and splats', () => {
    expect(tokenReferences('${element(aws_subnet.a.*.id, 0)}-${var.x}-${data.aws_ami.u.id}')).toEqual([
      { address: 'aws_subnet.a', attribute: '*.id' },
      { address: 'data.aws_ami.u', attribute: 'id' },
    ]);
    expect(tokenReferences('plain text aws_vpc.a.id')).toEqual([]);
  });

  test('instance keys are stripped, quoted keys with brackets included', () => {
    expect(stripInstanceKeys('module.a["x[1]"].aws_s3_bucket.b[0]')).toBe('module.a.aws_s3_bucket.b');
  });
});
