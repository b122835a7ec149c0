import type { SkuSpec } from './types';

// Sources:
// - Specs and network cards: the instance type pages (aws.amazon.com/ec2/instance-types/<family>/) and
//   docs.aws.amazon.com/ec2/latest/instancetypes/ac.html (accelerated computing, network specifications).
// - Prices: aws.amazon.com/ec2/pricing/on-demand/ (Linux, us-east-1), read on the `asOf` date.
// - Power: vendor system figures where published (NVIDIA DGX datasheets); otherwise estimates from
//   accelerator TDP plus host, stated in `basis`.
const AS_OF = '2026-11-01';
const PRICING = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const DGX_H100 = 'https://resources.nvidia.com/en-us-dgx-systems/ai-enterprise-dgx';

export const AWS_SKUS = [
  {
    id: 'p5.48xlarge',
    cloud: 'aws',
    family: 'gpu',
    description: '8x NVIDIA H100 80GB, 3200 Gbps EFAv2',
    accelerator: { vendor: 'nvidia', model: 'H100', count: 8, memoryGb: 80 },
    vcpu: 192,
    memoryGib: 2048,
    networkGbps: 3200,
    fabric: 'efa',
    networkCards: 32,
    regions: ['us-east-1', 'us-east-2', 'us-west-2', 'eu-north-1', 'eu-west-2', 'ap-northeast-1', 'ap-south-1', 'ap-southeast-2', 'sa-east-1'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 55.04, region: 'us-east-1', asOf: AS_OF, source: PRICING },
    power: { kw: 10.2, basis: 'NVIDIA DGX H100 system maximum (8x H100 SXM)', asOf: AS_OF, source: DGX_H100 },
    lifecycle: { status: 'current' },
    source: 'https://aws.amazon.com/ec2/instance-types/p5/',
  },
] as const satisfies readonly SkuSpec[];
