import { translateLifecycle } from '../../lib/core/lifecycle';
import { DATA_ROLES, DEFAULT_LIFECYCLE } from '../../lib/core/storage';
import { planStorage } from '../../lib/core/storage-plan';
import { errorCodeOf } from '../helpers/synth';
import { fakeNetwork } from '../helpers/fake-network';

describe('lifecycle translation: one policy, three clouds', () => {
  const policy = { infrequentAfterDays: 30, coldAfterDays: 90, archiveAfterDays: 455, expireAfterDays: 820, noncurrentExpireAfterDays: 14 };
  test.each([
    ['aws', ['STANDARD_IA', 'GLACIER_IR', 'DEEP_ARCHIVE']],
    ['azure', ['cool', 'cold', 'archive']],
    ['gcp', ['NEARLINE', 'COLDLINE', 'ARCHIVE']],
  ] as const)('%s', (cloud, classes) => {
    expect(translateLifecycle(policy, cloud, 'p')).toEqual({
      transitions: [
        { afterDays: 30, storageClass: classes[0] },
        { afterDays: 90, storageClass: classes[1] },
        { afterDays: 455, storageClass: classes[2] },
      ],
      expireAfterDays: 820,
      noncurrentExpireAfterDays: 14,
    });
  });

  test('S3 Intelligent-Tiering instead of Standard-IA, with no 30-day floor', () => {
    expect(translateLifecycle({ infrequentAfterDays: 1, intelligentTiering: true }, 'aws', 'p').transitions).toEqual([{ afterDays: 1, storageClass: 'INTELLIGENT_TIERING' }]);
  });

  test.each(['aws', 'azure', 'gcp'] as const)('every role default is valid on %s', (cloud) => {
    for (const role of DATA_ROLES) expect(() => translateLifecycle(DEFAULT_LIFECYCLE[role], cloud, role)).not.toThrow();
  });

  test.each([
    ['transitions that go backwards', { infrequentAfterDays: 90, coldAfterDays: 60 }, 'gcp', 'coldAfterDays (60) is not after infrequentAfterDays (90)'],
    ['expiry before archive', { archiveAfterDays: 400, expireAfterDays: 200 }, 'azure', 'expireAfterDays (200) is not after archiveAfterDays (400)'],
    ['Standard-IA before day 30', { infrequentAfterDays: 10 }, 'aws', 'no earlier than day 30'],
    ['leaving Nearline before 30 days', { infrequentAfterDays: 30, coldAfterDays: 45 }, 'gcp', 'leave NEARLINE after 15 days, below its 30-day minimum'],
    ['deleting from GCS Archive before 365 days', { archiveAfterDays: 100, expireAfterDays: 300 }, 'gcp', 'set expireAfterDays to at least 465'],
    ['deleting from Blob archive before 180 days', { archiveAfterDays: 100, expireAfterDays: 200 }, 'azure', 'below its 180-day minimum'],
    ['a fraction of a day', { expireAfterDays: 1.5 }, 'aws', 'whole number of days'],
  ] as const)('rejects %s', (_name, policy, cloud, text) => {
    expect(errorCodeOf(() => translateLifecycle(policy, cloud, 'p'))).toBe('AIRA_E_LIFECYCLE_ORDER');
    expect(() => translateLifecycle(policy, cloud, 'p')).toThrow(text);
  });
});

describe('planStorage', () => {
  const net = () => fakeNetwork('aws', 'us-east-1', ['us-east-1a', 'us-east-1b']);

  test('defaults: every role, versioning and logging where the data matters, prevent_destroy on', () => {
    const p = planStorage({ network: net() }, net(), 's');
    expect(p.objectTiers.map((t) => [t.role, t.versioned, t.accessLogging])).toEqual([
      ['data-lake', true, true],
      ['feature-store', false, false],
      ['model-registry', true, true],
      ['artifacts', false, false],
      ['checkpoints', true, false],
      ['audit', true, true],
    ]);
    expect(p.preventDestroy).toBe(true);
    expect(p.hot).toBeUndefined();
  });

  test('hot tier: consumers, zone and linked role default; declared flows checked when not declared here', () => {
    const n = net();
    const p = planStorage({ network: n, hot: { capacityGib: 2400 } }, n, 's');
    expect(p.hot).toEqual({ kind: 'lustre', capacityGib: 2400, throughputMbpsPerTib: 250, consumers: ['training'], zone: 'us-east-1a', linkedRole: 'data-lake', efa: false, declareFlows: true });
    expect(errorCodeOf(() => planStorage({ network: n, hot: { capacityGib: 2400, declareFlows: false } }, n, 's'))).toBe('AIRA_E_INVALID_FLOW');
    n.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    expect(planStorage({ network: n, hot: { capacityGib: 2400, declareFlows: false } }, n, 's').hot?.declareFlows).toBe(false);
  });

  test('a retention lock on the model registry, with compliance mode', () => {
    const p = planStorage({ network: net(), objectTiers: [{ role: 'model-registry', retention: { days: 365, mode: 'compliance' } }] }, net(), 's');
    expect(p.objectTiers[0].retention).toEqual({ days: 365, mode: 'compliance' });
  });

  test.each([
    ['a retention lock on checkpoints', { objectTiers: [{ role: 'checkpoints', retention: { days: 30 } }] }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['a retention lock without versioning', { objectTiers: [{ role: 'audit', versioned: false, retention: { days: 30 } }] }, 'AIRA_E_INVALID_PROP'],
    ['a role twice', { objectTiers: ['audit', 'audit'] }, 'AIRA_E_INVALID_PROP'],
    ['an unknown role', { objectTiers: ['logs'] }, 'AIRA_E_INVALID_PROP'],
    ['prevent_destroy off without a reason', { protection: { preventDestroy: false, reason: 'eh' } }, 'AIRA_E_INVALID_FLOW'],
    ['a hot tier consumer that is not a plane of the network', { hot: { capacityGib: 1200, consumers: ['quantum'] } }, 'AIRA_E_UNKNOWN_PLANE'],
    ['a hot tier linked to a role without a bucket', { objectTiers: ['audit'], hot: { capacityGib: 1200 } }, 'AIRA_E_MISSING_PROP'],
    ['Filestore on AWS', { hot: { kind: 'filestore', capacityGib: 1024 } }, 'AIRA_E_UNSUPPORTED_OPTION'],
    ['a lifecycle out of order', { objectTiers: [{ role: 'artifacts', lifecycle: { archiveAfterDays: 30, infrequentAfterDays: 60 } }] }, 'AIRA_E_LIFECYCLE_ORDER'],
  ])('rejects %s', (_name, props, code) => {
    expect(errorCodeOf(() => planStorage({ network: net(), ...props } as never, net(), 's'))).toBe(code);
  });
});
