import * as path from 'path';
import { AiraError } from '../../lib/core/errors';
import { loadDemandsFile, parseDemands, planTopologyReport } from '../../lib/placement';
import { parseYamlSubset } from '../../lib/placement/demands-file';

const FIXTURES = path.resolve(__dirname, 'fixtures');

function errorOf(fn: () => unknown): AiraError {
  try {
    fn();
  } catch (e) {
    if (AiraError.isAiraError(e)) return e;
    throw e;
  }
  throw new Error('expected an AiraError, none was thrown');
}

describe('demands files', () => {
  test('the YAML subset and JSON give the same demands', () => {
    const yaml = loadDemandsFile(path.join(FIXTURES, 'demands.yaml'));
    const json = loadDemandsFile(path.join(FIXTURES, 'demands.json'));
    expect(yaml).toEqual(json);
    expect(yaml[0]).toEqual({ id: 'llm-train', accelerator: 'H100', count: 64, minInterconnectGbps: 1600, clouds: ['aws', 'azure'], residency: ['us-*', 'eastus', 'westus3'], maxUsdPerHour: 900 });
  });

  test('a top-level list works without the demands key, and comments and quotes are handled', () => {
    const text = ['- id: a # trailing comment', "  accelerator: 'TPU v5e'", '  count: 8', '  residency: ["europe-*", us-east1]', '- id: b', '  accelerator: cpu', '  count: 1'].join('\n');
    expect(parseDemands(text)).toEqual([
      { id: 'a', accelerator: 'TPU v5e', count: 8, residency: ['europe-*', 'us-east1'] },
      { id: 'b', accelerator: 'cpu', count: 1 },
    ]);
    expect(parseYamlSubset("- id: 'x #1'", 'f')).toEqual([{ id: 'x #1' }]);
  });

  test.each([
    ['a nested mapping', '- id: a\n  limits: {usd: 3}', 'f:2'],
    ['a key outside an item', 'id: a', 'f:1'],
    ['a repeated key', '- id: a\n  id: b', 'f:2'],
    ['a tab in the indentation', '- id: a\n\tcount: 1', 'f:2'],
    ['an anchor', '- id: &x a', 'f:1'],
  ])('YAML outside the subset is rejected with its line: %s', (_n, text, where) => {
    const e = errorOf(() => parseDemands(text, 'f'));
    expect(e.code).toBe('AIRA_E_INVALID_PROP');
    expect(e.where).toBe(where);
  });

  test.each([
    ['unknown key', '[{"id":"a","accelerator":"gpu","count":1,"maxUsd":3}]', 'unknown key "maxUsd"'],
    ['wrong type', '[{"id":"a","accelerator":"gpu","count":"8"}]', 'count "8" is not a number'],
    ['list of numbers', '[{"id":"a","accelerator":"gpu","count":8,"clouds":[1]}]', 'not a list of strings'],
    ['no list', '{"demand": []}', 'no list of demands'],
    ['bad JSON', '{"demands": [}', 'not valid JSON'],
  ])('JSON with %s is rejected', (_n, text, message) => {
    const e = errorOf(() => parseDemands(text, 'demands.json'));
    expect(e.code).toBe('AIRA_E_INVALID_PROP');
    expect(e.message).toContain(message);
  });

  test('a missing file is an AiraError naming the file', () => {
    const e = errorOf(() => loadDemandsFile(path.join(FIXTURES, 'nope.yaml')));
    expect(e.message).toContain('ENOENT');
  });

  test('planTopologyReport reads, plans and renders a file; errors name the file and demand', () => {
    const file = path.join(FIXTURES, 'demands.yaml');
    const md = planTopologyReport(file, 'markdown');
    expect(md).toContain('| llm-train | ');
    expect(JSON.parse(planTopologyReport(file, 'json')).placements.map((p: { demandId: string }) => p.demandId)).toEqual(['batch-infer', 'etl', 'llm-train']);
    const e = errorOf(() => planTopologyReport(path.join(FIXTURES, 'infeasible.json'), 'text'));
    expect(e.code).toBe('AIRA_E_PLACEMENT_INFEASIBLE');
    expect(e.where).toBe(`${path.join(FIXTURES, 'infeasible.json')}: demand "eu-train"`);
  });
});
