import type { SkuSpec } from './types';

// Sources (read 2026-11):
// - GPU machine types and their bandwidth: cloud.google.com/compute/docs/accelerator-optimized-machines
//   and cloud.google.com/compute/docs/gpus/gpu-network-bandwidth (A3 Ultra 3,600 Gbps GPUDirect RDMA,
//   A3 Mega 1,800 Gbps GPUDirect-TCPXO, A3 High 1,000 Gbps GPUDirect-TCPX, A2 100 Gbps).
// - GPU NICs: A3 High 4 GPU NICs, A3 Mega 8, each in its own VPC network; A3 Ultra 8 CX-7 NICs in one
//   RDMA network (cloud.google.com/compute/docs/gpus/gpudirect).
// - TPUs: machine types, chips per host and slice topologies as GKE documents them
//   (cloud.google.com/kubernetes-engine/docs/concepts/plan-tpus); per-chip ICI bandwidth from the
//   TPU version pages (cloud.google.com/tpu/docs/v5e, v5p, v6e).
// - Prices: Cloud Billing catalog as published by the Cyclenerd pricing file (generated 2026-02-12) for
//   A2/A3, and the SkyPilot catalog (2026) for TPU chip-hours; A3 Ultra from a 2026-10-13 snapshot.
// - Regions: regions with a price in those catalogs (not exhaustive).
// - Power: NVIDIA DGX system maxima for the GPU types; TPU and CPU hosts are estimates.
const AS_OF = '2026-02-12';
const PRICING = 'https://cloud.google.com/compute/gpus-pricing';
const TPU_PRICING = 'https://cloud.google.com/tpu/pricing';
const DGX_H100 = 'https://docs.nvidia.com/dgx/dgxh100-user-guide/introduction-to-dgxh100.html';
const DGX_A100 = 'https://docs.nvidia.com/dgx/dgxa100-user-guide/introduction-to-dgxa100.html';
const GKE_TPU = 'https://cloud.google.com/kubernetes-engine/docs/concepts/plan-tpus';
const ESTIMATE = 'estimate, no public system figure';

/**
 * The Google Cloud entries of the catalog: A2/A3 GPU machine types, Cloud TPU v4, v5e, v5p and v6e host
 * types (sliced through GKE), and a CPU type for preprocessing and simulators. `as const` keeps the ids
 * literal, for `KnownSkuId` autocompletion; sources are above.
 */
export const GCP_SKUS = [
  {
    id: 'a3-highgpu-8g',
    cloud: 'gcp',
    family: 'gpu',
    description: '8x NVIDIA H100 80GB, 4 GPU NICs with GPUDirect-TCPX, 1000 Gbps',
    accelerator: { vendor: 'nvidia', model: 'H100', count: 8, memoryGb: 80 },
    vcpu: 208,
    memoryGib: 1872,
    networkGbps: 1000,
    fabric: 'gpudirect-tcpx',
    gpuNics: 4,
    regions: ['us-central1', 'us-east4', 'us-east5', 'us-west1', 'us-west4', 'europe-west1', 'europe-west3', 'europe-west4', 'europe-west8', 'europe-west9', 'europe-north1', 'asia-east1', 'asia-northeast1', 'asia-south1', 'asia-south2', 'asia-southeast1', 'australia-southeast1'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 88.49, region: 'us-central1', asOf: AS_OF, source: PRICING },
    power: { kw: 10.2, basis: 'NVIDIA DGX H100 system maximum (8x H100 SXM)', asOf: '2023-03-21', source: DGX_H100 },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/compute/docs/accelerator-optimized-machines#a3-high-vms',
  },
  {
    id: 'a3-megagpu-8g',
    cloud: 'gcp',
    family: 'gpu',
    description: '8x NVIDIA H100 80GB, 8 GPU NICs with GPUDirect-TCPXO, 1800 Gbps',
    accelerator: { vendor: 'nvidia', model: 'H100', count: 8, memoryGb: 80 },
    vcpu: 208,
    memoryGib: 1872,
    networkGbps: 1800,
    fabric: 'gpudirect-tcpxo',
    gpuNics: 8,
    regions: ['us-east4', 'us-east5', 'us-west4', 'europe-west1', 'europe-west3', 'europe-west4', 'asia-northeast1', 'asia-southeast1', 'australia-southeast1'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 92.94, region: 'us-east4', asOf: AS_OF, source: PRICING },
    power: { kw: 10.2, basis: 'NVIDIA DGX H100 system maximum (8x H100 SXM)', asOf: '2023-03-21', source: DGX_H100 },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/compute/docs/accelerator-optimized-machines#a3-mega-vms',
  },
  {
    id: 'a3-ultragpu-8g',
    cloud: 'gcp',
    family: 'gpu',
    description: '8x NVIDIA H200 141GB, 8 CX-7 NICs with GPUDirect RDMA, 3600 Gbps',
    accelerator: { vendor: 'nvidia', model: 'H200', count: 8, memoryGb: 141 },
    vcpu: 224,
    memoryGib: 2952,
    networkGbps: 3600,
    fabric: 'gpudirect-rdma',
    gpuNics: 8,
    regions: ['us-central1', 'us-east4', 'us-west1', 'europe-west1', 'europe-west4', 'asia-south1'],
    regionsAsOf: '2026-10-13',
    price: { usdPerHour: 83.49, region: 'us-central1', asOf: '2026-10-13', source: PRICING },
    power: { kw: 10.2, basis: 'NVIDIA DGX H200 system maximum (8x H200 SXM)', asOf: '2024-11-18', source: DGX_H100 },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/compute/docs/accelerator-optimized-machines#a3-ultra-vms',
  },
  {
    id: 'a2-highgpu-8g',
    cloud: 'gcp',
    family: 'gpu',
    description: '8x NVIDIA A100 40GB, 100 Gbps, no GPUDirect networking',
    accelerator: { vendor: 'nvidia', model: 'A100', count: 8, memoryGb: 40 },
    vcpu: 96,
    memoryGib: 680,
    networkGbps: 100,
    fabric: 'ethernet',
    regions: ['us-central1', 'us-east1', 'us-west1', 'us-west3', 'us-west4', 'europe-west4', 'me-west1', 'asia-northeast1', 'asia-northeast3', 'asia-southeast1'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 29.38708, region: 'us-central1', asOf: AS_OF, source: PRICING },
    power: { kw: 6.5, basis: 'NVIDIA DGX A100 system maximum (8x A100 SXM)', asOf: '2020-05-14', source: DGX_A100 },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/compute/docs/accelerator-optimized-machines#a2-vms',
  },
  {
    id: 'ct4p-hightpu-4t',
    cloud: 'gcp',
    family: 'tpu',
    description: 'TPU v4 host: 4 chips 32GiB, ICI 3D torus (slices 2x2x1 and up)',
    accelerator: { vendor: 'google', model: 'TPU v4', count: 4, memoryGb: 32 },
    vcpu: 240,
    memoryGib: 407,
    // Per-chip ICI bandwidth (estimate for v4: 6 links) times 4 chips.
    networkGbps: 9600,
    fabric: 'ici',
    tpu: { version: 'v4', chipsPerHost: 4, dims: 3, maxChips: 4096 },
    regions: ['us-central2'],
    regionsAsOf: '2026-06-01',
    price: { usdPerHour: 12.88, region: 'us-central2', asOf: '2026-06-01', source: TPU_PRICING },
    power: { kw: 1.0, basis: `${ESTIMATE}: about 200 W per chip plus host`, asOf: '2026-06-01', source: GKE_TPU },
    lifecycle: { status: 'current' },
    source: GKE_TPU,
  },
  {
    id: 'ct5lp-hightpu-4t',
    cloud: 'gcp',
    family: 'tpu',
    description: 'TPU v5e host: 4 chips 16GB, ICI 2D (slices 2x2 to 16x16)',
    accelerator: { vendor: 'google', model: 'TPU v5e', count: 4, memoryGb: 16 },
    vcpu: 112,
    memoryGib: 192,
    networkGbps: 6400,
    fabric: 'ici',
    tpu: { version: 'v5e', chipsPerHost: 4, dims: 2, maxChips: 256 },
    regions: ['us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west4', 'europe-west1', 'europe-west3', 'europe-west4', 'europe-north1', 'asia-east1', 'asia-northeast1', 'asia-southeast1', 'northamerica-northeast1', 'southamerica-west1'],
    regionsAsOf: '2026-06-01',
    price: { usdPerHour: 4.8, region: 'us-central1', asOf: '2026-06-01', source: TPU_PRICING },
    power: { kw: 1.0, basis: `${ESTIMATE}: about 200 W per chip plus host`, asOf: '2026-06-01', source: 'https://cloud.google.com/tpu/docs/v5e' },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/tpu/docs/v5e',
  },
  {
    id: 'ct5p-hightpu-4t',
    cloud: 'gcp',
    family: 'tpu',
    description: 'TPU v5p host: 4 chips 95GB, ICI 3D torus (slices 2x2x1 and up)',
    accelerator: { vendor: 'google', model: 'TPU v5p', count: 4, memoryGb: 95 },
    vcpu: 208,
    memoryGib: 448,
    networkGbps: 19200,
    fabric: 'ici',
    tpu: { version: 'v5p', chipsPerHost: 4, dims: 3, maxChips: 8960 },
    regions: ['us-central1', 'us-east1', 'us-east5', 'us-south1', 'europe-west1', 'europe-west4'],
    regionsAsOf: '2026-06-01',
    price: { usdPerHour: 16.8, region: 'us-central1', asOf: '2026-06-01', source: TPU_PRICING },
    power: { kw: 2.0, basis: `${ESTIMATE}: about 400 W per chip plus host`, asOf: '2026-06-01', source: 'https://cloud.google.com/tpu/docs/v5p' },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/tpu/docs/v5p',
  },
  {
    id: 'ct6e-standard-4t',
    cloud: 'gcp',
    family: 'tpu',
    description: 'TPU v6e (Trillium) host: 4 chips 32GB, ICI 2D (slices 2x2 to 16x16)',
    accelerator: { vendor: 'google', model: 'TPU v6e', count: 4, memoryGb: 32 },
    vcpu: 180,
    memoryGib: 720,
    networkGbps: 14336,
    fabric: 'ici',
    tpu: { version: 'v6e', chipsPerHost: 4, dims: 2, maxChips: 256 },
    regions: ['us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'europe-west4', 'asia-northeast1', 'asia-south1', 'asia-southeast1', 'southamerica-west1'],
    regionsAsOf: '2026-06-01',
    price: { usdPerHour: 10.8, region: 'us-central1', asOf: '2026-06-01', source: TPU_PRICING },
    power: { kw: 1.5, basis: `${ESTIMATE}: about 300 W per chip plus host`, asOf: '2026-06-01', source: 'https://cloud.google.com/tpu/docs/v6e' },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/tpu/docs/v6e',
  },
  {
    id: 'c3-standard-88',
    cloud: 'gcp',
    family: 'cpu',
    description: '88 vCPU Intel Sapphire Rapids, 62 Gbps (preprocessing, simulators)',
    vcpu: 88,
    memoryGib: 352,
    networkGbps: 62,
    fabric: 'ethernet',
    regions: ['us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-west1', 'europe-west1', 'europe-west4', 'europe-north1', 'asia-northeast1'],
    regionsAsOf: AS_OF,
    price: { usdPerHour: 4.4354, region: 'us-central1', asOf: AS_OF, source: 'https://cloud.google.com/compute/vm-instance-pricing (estimate: 22x c3-standard-4)' },
    power: { kw: 0.6, basis: `${ESTIMATE}: half of a two-socket host`, asOf: AS_OF, source: 'https://cloud.google.com/compute/docs/general-purpose-machines#c3_series' },
    lifecycle: { status: 'current' },
    source: 'https://cloud.google.com/compute/docs/general-purpose-machines#c3_series',
  },
] as const satisfies readonly SkuSpec[];
