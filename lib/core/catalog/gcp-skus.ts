import type { SkuSpec } from './types';

const AS_OF = '2026-11-01';

export const GCP_SKUS = [
  {
    id: 'a3-megagpu-8g',
    cloud: 'gcp',
    family: 'gpu',
    description: '8x NVIDIA H100 80GB, 8 GPU NICs with GPUDirect-TCPXO',
    accelerator: { vendor: 'nvidia', model: 'H100', count: 8, memoryGb: 80 },
    vcpu: 208,
    memoryGib: 1872,
    networkGbps: 1800,
    fabric: 'gpudirect-tcpxo',
    gpuNics: 8,
    regions: ['us-central1', 'us-east4', 'us-east5', 'europe-west4', 'asia-northeast1'],
    regionsAsOf: AS_OF,
    power: { kw: 10.2, basis: 'NVIDIA DGX H100 system maximum (8x H100 SXM)', asOf: AS_OF, source: 'https://resources.nvidia.com/en-us-dgx-systems/ai-enterprise-dgx' },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/compute/docs/accelerator-optimized-machines#a3-mega-vms',
  },
] as const satisfies readonly SkuSpec[];
