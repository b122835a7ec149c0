import { AcceleratorSku, checkSkuUsable, findSku, gridIntensity, listSkus, GRID_INTENSITY } from '../../lib/core/catalog';
import { errorCodeOf } from '../helpers/synth';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('accelerator catalog', () => {
  test('holds every SKU the foundation issue names', () => {
    const required = [
      'p5.48xlarge', 'p5e.48xlarge', 'p5en.48xlarge', 'p4d.24xlarge', 'trn1.32xlarge', 'trn1n.32xlarge', 'trn2.48xlarge', 'inf2.48xlarge', 'f2.12xlarge', 'f2.48xlarge',
      'Standard_ND96isr_H100_v5', 'Standard_ND96isr_H200_v5', 'Standard_ND96asr_v4', 'Standard_NP10s', 'Standard_NP20s', 'Standard_NP40s',
      'a3-highgpu-8g', 'a3-megagpu-8g', 'a3-ultragpu-8g', 'a2-highgpu-8g',
    ];
    for (const id of required) expect({ id, found: findSku(id) !== undefined }).toEqual({ id, found: true });
    const tpuVersions = listSkus({ family: 'tpu' }).map((s) => s.tpu?.version).sort();
    expect(tpuVersions).toEqual(['v4', 'v5e', 'v5p', 'v6e']);
    // A CPU SKU per cloud for preprocessing and simulators.
    for (const cloud of ['aws', 'azure', 'gcp'] as const) expect(listSkus({ cloud, family: 'cpu' }).length).toBeGreaterThan(0);
  });

  test.each(listSkus().map((s) => [s.id, s] as const))('%s is well-formed and sourced', (_id, s) => {
    expect(s.source).toMatch(/^https:\/\//);
    expect(s.regions.length).toBeGreaterThan(0);
    expect(s.regionsAsOf).toMatch(ISO_DATE);
    expect(s.power.kw).toBeGreaterThan(0);
    expect(s.power.asOf).toMatch(/^\d{4}/);
    expect(s.power.source).toMatch(/^https:\/\//);
    expect(s.networkGbps).toBeGreaterThan(0);
    if (s.price) {
      expect(s.price.usdPerHour).toBeGreaterThan(0);
      expect(s.price.asOf).toMatch(ISO_DATE);
      // The reference price is for a region where the SKU is listed.
      expect(s.regions).toContain(s.price.region);
    }
    if (s.lifecycle.status !== 'current') expect(s.lifecycle.date).toMatch(ISO_DATE);
    if (s.family !== 'cpu') expect(s.accelerator?.count).toBeGreaterThan(0);
    if (s.fabric === 'efa') expect(s.networkCards).toBeGreaterThan(1);
    if (s.fabric === 'gpudirect-tcpx' || s.fabric === 'gpudirect-tcpxo' || s.fabric === 'gpudirect-rdma') expect(s.gpuNics).toBeGreaterThan(0);
    if (s.family === 'tpu') expect(s.tpu?.chipsPerHost).toBe(s.accelerator?.count);
    if (s.cloud === 'azure') expect(s.id).toMatch(/^Standard_/);
  });

  test('facts the constructs rely on', () => {
    expect(findSku('p5.48xlarge')).toMatchObject({ networkCards: 32, fabric: 'efa', accelerator: { model: 'H100', count: 8 } });
    expect(findSku('p5en.48xlarge')?.networkCards).toBe(16);
    expect(findSku('a3-highgpu-8g')?.gpuNics).toBe(4);
    expect(findSku('a3-megagpu-8g')?.gpuNics).toBe(8);
    expect(findSku('f1.2xlarge')?.lifecycle).toEqual({ status: 'retired', date: '2025-12-20' });
    expect(findSku('Standard_NP10s')?.lifecycle).toEqual({ status: 'retiring', date: '2027-05-31' });
    expect(findSku('Standard_ND96asr_v4')?.trustedLaunch).toBe(false);
  });

  test('grid intensity: dated and sourced, looked up by cloud and region', () => {
    for (const g of GRID_INTENSITY) {
      expect(g.gco2PerKwh).toBeGreaterThan(0);
      expect(g.source).toMatch(/^https:\/\//);
    }
    expect(gridIntensity('gcp', 'europe-north1')?.gco2PerKwh).toBe(29.84);
    expect(gridIntensity('aws', 'mars-1')).toBeUndefined();
  });
});

describe('SKU checks', () => {
  const today = '2026-11-22';
  const ctx = { cloud: 'aws' as const, region: 'us-east-1', today };
  const spec = (id: string) => AcceleratorSku.of(id).specAt('p');

  test('a current SKU offered in the region passes without warnings', () => {
    expect(checkSkuUsable(spec('p5.48xlarge'), true, ctx, 'p')).toEqual([]);
  });

  test('a SKU not offered in the region names where it is offered', () => {
    expect(errorCodeOf(() => checkSkuUsable(spec('p5.48xlarge'), true, { ...ctx, region: 'af-south-1' }, 'stack/pool'))).toBe('AIRA_E_UNAVAILABLE_IN_REGION');
    expect(() => checkSkuUsable(spec('p5.48xlarge'), true, { ...ctx, region: 'af-south-1' }, 'stack/pool')).toThrow(
      /^AIRA_E_UNAVAILABLE_IN_REGION: stack\/pool: p5\.48xlarge is not offered in af-south-1 \(offered in: us-east-1, /,
    );
  });

  test('a retired SKU fails; a retiring one warns until its date, then fails', () => {
    expect(errorCodeOf(() => checkSkuUsable(spec('f1.2xlarge'), true, ctx, 'p'))).toBe('AIRA_E_SKU_RETIRED');
    const np = spec('Standard_NP10s');
    const azure = { cloud: 'azure' as const, region: 'eastus', today };
    expect(checkSkuUsable(np, true, azure, 'p')).toEqual([{ code: 'AIRA_W_SKU_RETIRING', message: 'Standard_NP10s retires on 2027-05-31: plan the move to a current SKU' }]);
    expect(errorCodeOf(() => checkSkuUsable(np, true, { ...azure, today: '2027-05-31' }, 'p'))).toBe('AIRA_E_SKU_RETIRED');
  });

  test('a SKU of another cloud fails', () => {
    expect(errorCodeOf(() => checkSkuUsable(spec('a3-megagpu-8g'), true, ctx, 'p'))).toBe('AIRA_E_SKU_WRONG_CLOUD');
  });

  test('an unknown id fails at use with the nearest catalog ids; an unlisted SKU only warns', () => {
    const sku = AcceleratorSku.of('p5.48xlarg');
    expect(sku.listed).toBe(true);
    expect(errorCodeOf(() => sku.specAt('stack/pool'))).toBe('AIRA_E_UNKNOWN_SKU');
    expect(() => sku.specAt('stack/pool')).toThrow('nearest: p5.48xlarge');
    const unlisted = AcceleratorSku.unlisted({ ...spec('p5.48xlarge'), id: 'p6-b200.48xlarge', regions: [] });
    expect(checkSkuUsable(unlisted.specAt('p'), unlisted.listed, { ...ctx, region: 'anywhere-1' }, 'p')).toEqual([
      { code: 'AIRA_W_SKU_UNLISTED', message: 'p6-b200.48xlarge is not in the catalog: region availability and lifecycle were not checked' },
    ]);
  });
});
