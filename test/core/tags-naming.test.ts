import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { azureCompactName, azureName, gcpName, namePrefix, shortHash } from '../../lib/core/naming';
import { AiraTags } from '../../lib/core/tagging';
import { formatTags, validateTagValues } from '../../lib/core/tags';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

describe('tag formats per cloud', () => {
  const values = { plane: 'training', level: 3, owner: 'ML Platform', costCenter: 'CC-12/34', dataClassification: 'confidential' } as const;

  test('AWS and Azure keep aira:<name> and the value', () => {
    expect(formatTags(values, 'aws')).toEqual({
      'aira:plane': 'training',
      'aira:level': 'level-3',
      'aira:owner': 'ML Platform',
      'aira:cost-center': 'CC-12/34',
      'aira:data-classification': 'confidential',
    });
    expect(formatTags(values, 'azure')).toEqual(formatTags(values, 'aws'));
  });

  test('Google labels: aira-<name>, lowercase, [a-z0-9_-] only', () => {
    expect(formatTags(values, 'gcp')).toEqual({
      'aira-plane': 'training',
      'aira-level': 'level-3',
      'aira-owner': 'ml_platform',
      'aira-cost-center': 'cc-12_34',
      'aira-data-classification': 'confidential',
    });
  });

  test.each([
    [{ owner: 'a<b' }, 'characters'],
    [{ owner: '' }, 'empty'],
    [{ workload: 'x'.repeat(64) }, 'Google label'],
  ])('rejects %j', (v, text) => {
    expect(errorCodeOf(() => validateTagValues(v, 'p'))).toBe('AIRA_E_INVALID_TAG');
    expect(() => validateTagValues(v, 'p')).toThrow(text);
  });
});

describe('AiraTags aspect', () => {
  test('inner scopes override outer ones; a resource\'s own tags override both; Google gets labels', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 's');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new GoogleProvider(stack, 'google', { project: 'p-123456' });
    AiraTags.of(stack).add({ owner: 'team-a', plane: 'shared' });
    const inner = new Construct(stack, 'inner');
    AiraTags.of(inner).add({ plane: 'data' });
    new S3Bucket(inner, 'b1', { bucket: 'b1' });
    new S3Bucket(inner, 'b2', { bucket: 'b2', tags: { 'aira:owner': 'team-b', Name: 'two' } });
    new StorageBucket(stack, 'g', { name: 'g', location: 'US' });
    new ComputeFirewall(stack, 'fw', { name: 'fw', network: 'n', allow: [{ protocol: 'tcp', ports: ['443'] }], sourceRanges: ['10.0.0.0/8'] });
    const v = synthView(stack);
    expect(v.withId('aws_s3_bucket', 'b1')[0].tags).toEqual({ 'aira:owner': 'team-a', 'aira:plane': 'data' });
    expect(v.withId('aws_s3_bucket', 'b2')[0].tags).toEqual({ 'aira:owner': 'team-b', 'aira:plane': 'data', Name: 'two' });
    expect(v.list('google_storage_bucket')[0].labels).toEqual({ 'aira-owner': 'team-a', 'aira-plane': 'shared' });
    // google_compute_firewall takes no labels, and its `tags`-like fields must be left alone.
    expect(v.list('google_compute_firewall')[0].labels).toBeUndefined();
  });
});

describe('names', () => {
  test('Google names: RFC 1035, at most 63, stable hash when shortened', () => {
    expect(gcpName('ML', 'Core_Net', 'training')).toBe('ml-core-net-training');
    expect(gcpName('9lives')).toBe('a-9lives');
    const long = gcpName('x'.repeat(50), 'y'.repeat(30));
    expect(long).toHaveLength(63);
    expect(long).toBe(gcpName('x'.repeat(50), 'y'.repeat(30)));
    expect(long.endsWith(shortHash(`${'x'.repeat(50)}-${'y'.repeat(30)}`))).toBe(true);
    expect(gcpName('x'.repeat(50), 'z'.repeat(30))).not.toBe(long);
  });

  test('Azure names', () => {
    expect(azureName('net', 'rg')).toBe('net-rg');
    expect(azureName('a b', 'c.')).toBe('a-b-c');
    const compact = azureCompactName('Flow-Logs', 'stack/net/flowlogs');
    expect(compact).toMatch(/^[a-z0-9]{3,24}$/);
    expect(compact.startsWith('flowlogs')).toBe(true);
    expect(azureCompactName('x'.repeat(40), 'p')).toHaveLength(24);
  });

  test('name prefixes', () => {
    expect(namePrefix(undefined, 'Net1', 'p')).toBe('net1');
    expect(namePrefix('ml-core', 'net', 'p')).toBe('ml-core');
    expect(errorCodeOf(() => namePrefix('1net', 'x', 'p'))).toBe('AIRA_E_INVALID_NAME');
    expect(errorCodeOf(() => namePrefix('a'.repeat(31), 'x', 'p'))).toBe('AIRA_E_INVALID_NAME');
  });
});
