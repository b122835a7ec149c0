export * from './types';
export * from './lookup';
export * from './sku';
export * from './usability';
export { AWS_SKUS } from './aws-skus';
export { AZURE_SKUS } from './azure-skus';
export { GCP_SKUS } from './gcp-skus';
export * from './grid-carbon';
export * from './tpu';
