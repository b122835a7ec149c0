import { YamlError, parseYaml } from '../../lib/policy/yaml';

describe('YAML subset for suppression files', () => {
  test('mappings, sequences of mappings, scalars, comments, block and flow forms', () => {
    const doc = parseYaml(`---
# accepted findings
version: 1
suppressions:
  - id: AIRA-NET-001   # the bastion
    address: "aws_security_group.bastion"
    reason: 'bastion host, reached only from the office VPN'
    appliesTo: [aws_security_group, "aws_security_group_rule"]
  - id: CKV_AWS_19
    address: aws_s3_bucket.site
    reason: |
      static website assets,
      nothing secret
  -
    id: X-Y-1
    address: a.b
    reason: >
      folded
      text here
flags:
  on: true
  off: false
  none: ~
  ratio: 0.5
  hash: "a # not a comment"
list:
- a
- b # c
`);
    expect(doc).toEqual({
      version: 1,
      suppressions: [
        { id: 'AIRA-NET-001', address: 'aws_security_group.bastion', reason: 'bastion host, reached only from the office VPN', appliesTo: ['aws_security_group', 'aws_security_group_rule'] },
        { id: 'CKV_AWS_19', address: 'aws_s3_bucket.site', reason: 'static website assets,\nnothing secret' },
        { id: 'X-Y-1', address: 'a.b', reason: 'folded text here' },
      ],
      flags: { on: true, off: false, none: null, ratio: 0.5, hash: 'a # not a comment' },
      list: ['a', 'b'],
    });
  });

  test('keys like __proto__ stay data', () => {
    const doc = parseYaml('__proto__:\n  polluted: yes\n') as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(doc, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['a: 1\n  b: 2', /line 2: unexpected indentation/],
    ['a: {b: 1}', /line 1: unsupported YAML syntax/],
    ['a: "open', /line 1: unterminated double-quoted string/],
    ['a: 1\na: 2', /line 2: duplicate key "a"/],
    ['\ta: 1', /tabs are not allowed/],
    ['just text without colon', /expected "key: value"/],
  ])('%j is rejected with the line', (text, message) => {
    expect(() => parseYaml(text)).toThrow(YamlError);
    expect(() => parseYaml(text)).toThrow(message);
  });

  test('an empty document is null', () => {
    expect(parseYaml('# nothing\n')).toBeNull();
  });
});
