import { AzurermBackend, GcsBackend, LocalBackend, S3Backend, TerraformStack } from 'cdktf';

/**
 * Where a stack keeps its Terraform state. Local files by default (right for trying things out); a
 * team sets a remote backend so state is shared, locked and encrypted.
 *
 * @example
 * StateBackend.s3({ bucket: 'acme-tfstate', key: 'ai/aws.tfstate', region: 'us-east-1' })
 */
export type StateBackend =
  | { readonly kind: 'local'; readonly path?: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string; readonly region: string; readonly kmsKeyId?: string }
  | { readonly kind: 'azurerm'; readonly resourceGroupName: string; readonly storageAccountName: string; readonly containerName: string; readonly key: string }
  | { readonly kind: 'gcs'; readonly bucket: string; readonly prefix: string };

/** Constructors for `StateBackend` values. */
export const StateBackend = {
  /** State in a local file beside the synthesized stack. @default path `terraform.<stack>.tfstate` */
  local: (path?: string): StateBackend => ({ kind: 'local', path }),
  /** S3 state, encrypted, with S3-native locking (`use_lockfile`, Terraform 1.10+). */
  s3: (o: { bucket: string; key: string; region: string; kmsKeyId?: string }): StateBackend => ({ kind: 's3', ...o }),
  /** Azure Blob state (blob leases lock it). */
  azurerm: (o: { resourceGroupName: string; storageAccountName: string; containerName: string; key: string }): StateBackend => ({ kind: 'azurerm', ...o }),
  /** Google Cloud Storage state (object generations lock it). */
  gcs: (o: { bucket: string; prefix: string }): StateBackend => ({ kind: 'gcs', ...o }),
};

/** Attaches a backend to a stack. */
export function applyBackend(stack: TerraformStack, backend: StateBackend | undefined, stackId: string): void {
  const b = backend ?? StateBackend.local();
  switch (b.kind) {
    case 'local':
      new LocalBackend(stack, { path: b.path ?? `terraform.${stackId}.tfstate` });
      return;
    case 's3': {
      const s3 = new S3Backend(stack, { bucket: b.bucket, key: b.key, region: b.region, encrypt: true, kmsKeyId: b.kmsKeyId });
      // Terraform 1.10+ locks S3 state with a lock object; no DynamoDB table is needed.
      s3.addOverride('use_lockfile', true);
      return;
    }
    case 'azurerm':
      new AzurermBackend(stack, { resourceGroupName: b.resourceGroupName, storageAccountName: b.storageAccountName, containerName: b.containerName, key: b.key });
      return;
    case 'gcs':
      new GcsBackend(stack, { bucket: b.bucket, prefix: b.prefix });
      return;
  }
}
