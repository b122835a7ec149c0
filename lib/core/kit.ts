import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackend } from './backend';
import { Cloud } from './catalog/types';
import { AcceleratorPoolProps, IAcceleratorPool } from './compute';
import { INetwork, SegmentedNetworkProps } from './network';
import { IStorageTiers, StorageTiersProps } from './storage';
import { AiraTagValues } from './tags';

/** A customer-managed key of one cloud (AWS KMS key, Azure Key Vault key, Google Cloud KMS key). */
export interface IPlatformKey {
  readonly cloud: Cloud;
  /** The key's id as the cloud's resources reference it (ARN, versionless key id, crypto key id). */
  readonly keyRef: string;
}

/** Options of a kit's stack. */
export interface KitStackOptions {
  /** @default local state */
  readonly backend?: StateBackend;
  /** @default none */
  readonly tags?: AiraTagValues;
}

/** Quantum access of one cloud: a real workspace where the cloud has one (Azure Quantum), or the bucket and role AWS Braket needs. */
export interface IQuantumAccess {
  readonly cloud: Cloud;
  /** What was built, in one line, for registries and diagrams. */
  readonly description: string;
}

/** Props a kit's quantum access takes. */
export interface QuantumAccessOptions {
  /** Quantum providers to enable, where the cloud lets the library choose (Azure Quantum). @default the cloud's defaults */
  readonly providers?: ReadonlyArray<{ readonly id: string; readonly sku: string }>;
  /** @default the construct id */
  readonly name?: string;
}

/**
 * The port a cloud implements (ports and adapters). Platforms in `lib/platform` compose AI
 * infrastructure through it and never import a cloud folder; the user's choice of kits decides which
 * provider bindings load.
 *
 * @example
 * new Level2Platform(app, 'ai', { kit: awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] }) });
 */
export interface CloudKit {
  readonly cloud: Cloud;
  /** Region (AWS, Google) or location (Azure). */
  readonly region: string;
  /** Zones the kit spreads over. */
  readonly zones: readonly string[];
  /** The cloud's stack: provider, backend, tags. */
  createStack(scope: Construct, id: string, options?: KitStackOptions): TerraformStack;
  /** A customer-managed key with rotation. */
  createKey(scope: Construct, id: string, description: string): IPlatformKey;
  /** A segmented network in the kit's region and zones. */
  createNetwork(scope: Construct, id: string, props: Omit<SegmentedNetworkProps, 'zones'> & { readonly zones?: readonly string[] }): INetwork;
  /** Storage tiers encrypted with the key. */
  createStorage(scope: Construct, id: string, props: StorageTiersProps & { readonly key: IPlatformKey }): IStorageTiers;
  /** An accelerator pool whose disks are encrypted with the key. */
  createPool(scope: Construct, id: string, props: AcceleratorPoolProps & { readonly key: IPlatformKey }): IAcceleratorPool;
  /** Quantum access. */
  createQuantumAccess(scope: Construct, id: string, props: QuantumAccessOptions & { readonly key: IPlatformKey }): IQuantumAccess;
}
