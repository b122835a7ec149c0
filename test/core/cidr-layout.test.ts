import { formatCidr, overlaps, parseCidr } from '../../lib/core/cidr';
import { computeLayout } from '../../lib/core/network-layout';
import { errorCodeOf } from '../helpers/synth';

describe('CIDR arithmetic', () => {
  test('parses and formats', () => {
    expect(formatCidr(parseCidr('10.20.0.0/16', 'x'))).toBe('10.20.0.0/16');
    expect(formatCidr(parseCidr('0.0.0.0/0', 'x'))).toBe('0.0.0.0/0');
    expect(formatCidr(parseCidr('192.168.255.248/29', 'x'))).toBe('192.168.255.248/29');
  });

  test.each(['10.0.0.0', '10.0.0.256/16', '10.0.0.0/33', 'ten/8', '', ' 10.0.0.0/8x'])('rejects %j', (text) => {
    expect(errorCodeOf(() => parseCidr(text, 'x'))).toBe('AIRA_E_INVALID_CIDR');
  });

  test('host bits set: the error says which network address was meant', () => {
    expect(() => parseCidr('10.1.2.3/16', 'net')).toThrow('use the network address: 10.1.0.0/16');
  });

  test('overlap', () => {
    const c = (t: string) => parseCidr(t, 'x');
    expect(overlaps(c('10.0.0.0/16'), c('10.0.255.0/24'))).toBe(true);
    expect(overlaps(c('10.0.0.0/16'), c('10.1.0.0/16'))).toBe(false);
    expect(overlaps(c('0.0.0.0/0'), c('192.168.0.0/16'))).toBe(true);
    expect(overlaps(c('10.0.0.0/24'), c('10.0.1.0/24'))).toBe(false);
  });
});

describe('network layout', () => {
  test('fixed slots: each plane keeps its block whatever the other planes are', () => {
    const all = computeLayout({ cidr: '10.0.0.0/16', planes: ['protected', 'training', 'data'], zones: ['a', 'b'] }, 'x');
    const one = computeLayout({ cidr: '10.0.0.0/16', planes: ['data'], zones: ['a'] }, 'x');
    expect(all.planes.map((p) => p.plane)).toEqual(['training', 'data', 'protected']);
    expect(all.planes.find((p) => p.plane === 'data')).toEqual({ plane: 'data', cidr: '10.0.64.0/19', zones: [{ zone: 'a', cidr: '10.0.64.0/21' }, { zone: 'b', cidr: '10.0.72.0/21' }] });
    expect(one.planes[0].zones[0]).toEqual({ zone: 'a', cidr: '10.0.64.0/21' });
    expect(all.edge).toEqual([{ zone: 'a', cidr: '10.0.192.0/21' }, { zone: 'b', cidr: '10.0.200.0/21' }]);
    expect(all.fabricCidr).toBe('10.0.224.0/19');
  });

  test('no two blocks overlap, and all lie in the base block', () => {
    const l = computeLayout({ cidr: '172.16.0.0/12', planes: ['training', 'inference', 'data', 'management', 'quantum', 'protected'], zones: ['1', '2', '3', '4'] }, 'x');
    const blocks = [...l.planes.flatMap((p) => p.zones.map((z) => z.cidr)), ...l.edge.map((e) => e.cidr), l.fabricCidr].map((t) => parseCidr(t, 'x'));
    const base = parseCidr(l.cidr, 'x');
    for (let i = 0; i < blocks.length; i++) {
      expect(overlaps(base, blocks[i])).toBe(true);
      for (let j = i + 1; j < blocks.length; j++) expect(overlaps(blocks[i], blocks[j])).toBe(false);
    }
  });

  test('the smallest base block that works is /23, giving /28 subnets', () => {
    const l = computeLayout({ cidr: '10.0.0.0/23', planes: ['training'], zones: ['a'] }, 'x');
    expect(l.planes[0].zones[0].cidr).toBe('10.0.0.0/28');
    expect(errorCodeOf(() => computeLayout({ cidr: '10.0.0.0/24', planes: ['training'], zones: ['a'] }, 'x'))).toBe('AIRA_E_CIDR_TOO_SMALL');
  });

  test.each([
    [[], 'AIRA_E_MISSING_PROP'],
    [['a', 'a'], 'AIRA_E_INVALID_PROP'],
    [['a', 'b', 'c', 'd', 'e'], 'AIRA_E_INVALID_PROP'],
  ])('zones %j -> %s', (zones, code) => {
    expect(errorCodeOf(() => computeLayout({ cidr: '10.0.0.0/16', planes: ['training'], zones }, 'x'))).toBe(code);
  });
});
