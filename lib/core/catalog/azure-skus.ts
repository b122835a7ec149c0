import type { SkuSpec } from './types';

// Sources (read 2026-11):
// - Specs: the size pages under learn.microsoft.com/azure/virtual-machines/sizes/ (ND H100 v5 and ND
//   H200 v5 of 2025-09-02, NDasrA100_v4 of 2024-07-31, NP of 2021-02-09, HBv4 of 2025-11-24).
// - Trusted Launch: learn.microsoft.com/azure/virtual-machines/trusted-launch ("Currently not
//   supported: NDasrA100_v4-series"; "Not supported: NP-series").
// - InfiniBand scale sets: one scale set with a single placement group, 100 VMs by default, up to 300
//   on request (learn.microsoft.com/azure/virtual-machines/setup-infiniband).
// - Prices: Azure retail prices API, eastus, Linux pay-as-you-go, as retrieved 2026-11-09 (ND H100 v5,
//   ND A100 v4); other prices are estimates and say so in their source.
// - Regions: a reasonable, non-exhaustive list from the products-by-region page; confirm capacity with
//   your account team before a large deployment.
// - Power: NVIDIA DGX system maxima for the GPU sizes; estimates elsewhere, as `basis` says.
const AS_OF = '2026-11-09';
const RETAIL = 'https://prices.azure.com/api/retail/prices';
const ESTIMATED_PRICE = 'https://azure.microsoft.com/pricing/details/virtual-machines/linux/ (estimate)';
const DGX_H100 = 'https://docs.nvidia.com/dgx/dgxh100-user-guide/introduction-to-dgxh100.html';
const DGX_A100 = 'https://docs.nvidia.com/dgx/dgxa100-user-guide/introduction-to-dgxa100.html';
const NP = 'https://learn.microsoft.com/azure/virtual-machines/np-series';
const ESTIMATE = 'estimate, no public system figure';
// NP retirement: announced 2026-04-02 (azure.microsoft.com/updates?id=548497); VMs deallocated after.
const NP_RETIRES = { status: 'retiring', date: '2027-05-31' } as const;

/**
 * The Azure entries of the catalog: ND-series GPU sizes (InfiniBand), NP-series FPGA sizes (retiring),
 * HBv4 (InfiniBand CPU nodes for HPC and simulators) and a general-purpose size for preprocessing.
 * `as const` keeps the ids literal, for `KnownSkuId` autocompletion; sources are above.
 */
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
    trustedLaunch: true,
    maxNodesPerPlacementGroup: 100,
    regions: ['eastus', 'eastus2', 'southcentralus', 'westus3', 'westeurope', 'swedencentral', 'uksouth', 'japaneast'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 98.32, region: 'eastus', asOf: AS_OF, source: RETAIL },
    power: { kw: 10.2, basis: 'NVIDIA DGX H100 system maximum (8x H100 SXM)', asOf: '2023-03-21', source: DGX_H100 },
    lifecycle: { status: 'current' },
    source: 'https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ndh100v5-series',
  },
  {
    id: 'Standard_ND96isr_H200_v5',
    cloud: 'azure',
    family: 'gpu',
    description: '8x NVIDIA H200 141GB, 8x 400 Gb/s NDR InfiniBand',
    accelerator: { vendor: 'nvidia', model: 'H200', count: 8, memoryGb: 141 },
    vcpu: 96,
    memoryGib: 1850,
    networkGbps: 3200,
    fabric: 'infiniband-ndr',
    trustedLaunch: true,
    maxNodesPerPlacementGroup: 100,
    regions: ['eastus2', 'swedencentral'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 110, region: 'eastus2', asOf: AS_OF, source: ESTIMATED_PRICE },
    power: { kw: 10.2, basis: 'NVIDIA DGX H200 system maximum (8x H200 SXM)', asOf: '2024-11-18', source: DGX_H100 },
    lifecycle: { status: 'current' },
    source: 'https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nd-h200-v5-series',
  },
  {
    id: 'Standard_ND96asr_v4',
    cloud: 'azure',
    family: 'gpu',
    description: '8x NVIDIA A100 40GB, 8x 200 Gb/s HDR InfiniBand',
    accelerator: { vendor: 'nvidia', model: 'A100', count: 8, memoryGb: 40 },
    vcpu: 96,
    memoryGib: 900,
    networkGbps: 1600,
    fabric: 'infiniband-hdr',
    trustedLaunch: false,
    maxNodesPerPlacementGroup: 100,
    regions: ['eastus', 'eastus2', 'southcentralus', 'westus2', 'westeurope'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 27.197, region: 'eastus', asOf: AS_OF, source: RETAIL },
    power: { kw: 6.5, basis: 'NVIDIA DGX A100 system maximum (8x A100 SXM)', asOf: '2020-05-14', source: DGX_A100 },
    lifecycle: { status: 'current' },
    source: 'https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ndasra100v4-series',
  },
  {
    id: 'Standard_NP10s',
    cloud: 'azure',
    family: 'fpga',
    description: '1x Xilinx Alveo U250 FPGA, 7.5 Gbps (retiring 2027-05-31)',
    accelerator: { vendor: 'xilinx', model: 'Alveo U250', count: 1, memoryGb: 64 },
    vcpu: 10,
    memoryGib: 168,
    networkGbps: 7.5,
    fabric: 'ethernet',
    trustedLaunch: false,
    regions: ['eastus', 'westus2', 'westeurope', 'southeastasia'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 1.65, region: 'eastus', asOf: AS_OF, source: ESTIMATED_PRICE },
    power: { kw: 0.4, basis: `${ESTIMATE}: one 225 W U250 plus host share`, asOf: AS_OF, source: NP },
    lifecycle: NP_RETIRES,
    source: NP,
  },
  {
    id: 'Standard_NP20s',
    cloud: 'azure',
    family: 'fpga',
    description: '2x Xilinx Alveo U250 FPGA, 15 Gbps (retiring 2027-05-31)',
    accelerator: { vendor: 'xilinx', model: 'Alveo U250', count: 2, memoryGb: 64 },
    vcpu: 20,
    memoryGib: 336,
    networkGbps: 15,
    fabric: 'ethernet',
    trustedLaunch: false,
    regions: ['eastus', 'westus2', 'westeurope', 'southeastasia'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 3.3, region: 'eastus', asOf: AS_OF, source: ESTIMATED_PRICE },
    power: { kw: 0.75, basis: `${ESTIMATE}: two 225 W U250 plus host share`, asOf: AS_OF, source: NP },
    lifecycle: NP_RETIRES,
    source: NP,
  },
  {
    id: 'Standard_NP40s',
    cloud: 'azure',
    family: 'fpga',
    description: '4x Xilinx Alveo U250 FPGA, 30 Gbps (retiring 2027-05-31)',
    accelerator: { vendor: 'xilinx', model: 'Alveo U250', count: 4, memoryGb: 64 },
    vcpu: 40,
    memoryGib: 672,
    networkGbps: 30,
    fabric: 'ethernet',
    trustedLaunch: false,
    regions: ['eastus', 'westus2', 'westeurope', 'southeastasia'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 6.6, region: 'eastus', asOf: AS_OF, source: ESTIMATED_PRICE },
    power: { kw: 1.5, basis: `${ESTIMATE}: four 225 W U250 plus host`, asOf: AS_OF, source: NP },
    lifecycle: NP_RETIRES,
    source: NP,
  },
  {
    id: 'Standard_HB176rs_v4',
    cloud: 'azure',
    family: 'cpu',
    description: '176 vCPU AMD Genoa-X, 400 Gb/s NDR InfiniBand (HPC, simulators)',
    vcpu: 176,
    memoryGib: 768,
    networkGbps: 400,
    fabric: 'infiniband-ndr',
    trustedLaunch: true,
    maxNodesPerPlacementGroup: 100,
    regions: ['eastus', 'southcentralus', 'westus3', 'westeurope', 'northeurope', 'swedencentral'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 7.2, region: 'eastus', asOf: AS_OF, source: ESTIMATED_PRICE },
    power: { kw: 1.1, basis: `${ESTIMATE}: two 400 W Genoa-X sockets plus memory and NICs`, asOf: AS_OF, source: 'https://learn.microsoft.com/azure/virtual-machines/sizes/high-performance-compute/hbv4-series' },
    lifecycle: { status: 'current' },
    source: 'https://learn.microsoft.com/azure/virtual-machines/sizes/high-performance-compute/hbv4-series',
  },
  {
    id: 'Standard_D96ds_v5',
    cloud: 'azure',
    family: 'cpu',
    description: '96 vCPU Intel, 35 Gbps (preprocessing)',
    vcpu: 96,
    memoryGib: 384,
    networkGbps: 35,
    fabric: 'ethernet',
    trustedLaunch: true,
    regions: ['eastus', 'eastus2', 'southcentralus', 'westus2', 'westus3', 'westeurope', 'northeurope', 'swedencentral', 'uksouth', 'japaneast'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 5.424, region: 'eastus', asOf: AS_OF, source: ESTIMATED_PRICE },
    power: { kw: 0.7, basis: `${ESTIMATE}: half of a two-socket Xeon host`, asOf: AS_OF, source: 'https://learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/ddsv5-series' },
    lifecycle: { status: 'current' },
    source: 'https://learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/ddsv5-series',
  },
] as const satisfies readonly SkuSpec[];
