import type { SkuSpec } from './types';

const AS_OF = '2026-11-01';

export const AZURE_SKUS = [
  {
    id: 'Standard_ND96isr_H100_v5',
    cloud: 'azure',
    family: 'gpu',
    description: '8x NVIDIA H100 80GB, 8x 400 Gb/s NDR InfiniBand',
    accelerator: { vendor: 'nvidia', model: 'H100', count: 8, memoryGb: 80 },
    vcpu: 96,
    memoryGib: 1900,
    networkGbps: 3200,
    fabric: 'infiniband-ndr',
    trustedLaunch: false,
    maxNodesPerPlacementGroup: 100,
    regions: ['eastus', 'eastus2', 'southcentralus', 'westus3', 'westeurope', 'swedencentral'],
    regionsAsOf: AS_OF,
    power: { kw: 10.2, basis: 'NVIDIA DGX H100 system maximum (8x H100 SXM)', asOf: AS_OF, source: 'https://resources.nvidia.com/en-us-dgx-systems/ai-enterprise-dgx' },
    lifecycle: { status: 'current' },
    source: 'https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ndh100v5-series',
  },
] as const satisfies readonly SkuSpec[];
