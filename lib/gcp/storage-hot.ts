import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { FilestoreInstance } from '@cdktf/provider-google/lib/filestore-instance';
import { LustreInstance } from '@cdktf/provider-google/lib/lustre-instance';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr } from '../core/cidr';
import { AiraError, ErrorCodes } from '../core/errors';
import { gcpName } from '../core/naming';
import { AIR_GAPPED_PLANE, Plane } from '../core/planes';
import { LUSTRE_PORTS, PlannedHotTier } from '../core/storage-plan';
import { IGcpNetwork } from './network-types';

/** A Managed Lustre performance tier: capacity bounds and steps, GiB. */
export interface LustreTier {
  readonly min: number;
  /** Step up to `threshold`. */
  readonly step: number;
  /** Capacity up to which `step` applies; above it `largeStep` does. */
  readonly threshold: number;
  readonly largeStep: number;
  readonly max: number;
}

/**
 * Managed Lustre tiers by throughput (MB/s per TiB), from cloud.google.com/managed-lustre/docs/performance-tiers
 * (read 2026-11): 1000: 9,000 GiB up in 9,000 GiB steps to 1,530,000, then 72,000 steps to 10,008,000;
 * 500: 18,000 / 18,000 to 3,060,000, then 144,000 to 20,016,000; 250: 36,000 / 36,000 to 6,120,000,
 * then 288,000 to 40,032,000; 125: 72,000 / 72,000 to 12,240,000. An instance created at or below a
 * threshold cannot later grow past it.
 */
export const LUSTRE_TIERS: Readonly<Record<number, LustreTier>> = {
  1000: { min: 9_000, step: 9_000, threshold: 1_530_000, largeStep: 72_000, max: 10_008_000 },
  500: { min: 18_000, step: 18_000, threshold: 3_060_000, largeStep: 144_000, max: 20_016_000 },
  250: { min: 36_000, step: 36_000, threshold: 6_120_000, largeStep: 288_000, max: 40_032_000 },
  125: { min: 72_000, step: 72_000, threshold: 12_240_000, largeStep: 72_000, max: 12_240_000 },
};

/** Checks a Managed Lustre capacity and throughput. Throws AIRA_E_STORAGE_SIZE with the nearest valid size. */
export function checkLustreSize(capacityGib: number, throughput: number, where: string): void {
  const tier = LUSTRE_TIERS[throughput];
  if (!tier) {
    throw new AiraError(ErrorCodes.STORAGE_SIZE, where, `Managed Lustre has no ${throughput} MB/s per TiB tier`, `use one of ${Object.keys(LUSTRE_TIERS).join(', ')}`);
  }
  const small = capacityGib <= tier.threshold;
  const step = small ? tier.step : tier.largeStep;
  const base = small ? 0 : tier.threshold;
  if (capacityGib < tier.min || capacityGib > tier.max || (capacityGib - base) % step !== 0) {
    const up = Math.min(tier.max, Math.max(tier.min, base + Math.ceil((capacityGib - base) / step) * step));
    throw new AiraError(
      ErrorCodes.STORAGE_SIZE,
      where,
      `Managed Lustre at ${throughput} MB/s per TiB takes ${tier.min} to ${tier.max} GiB in steps of ${tier.step} GiB (${tier.largeStep} above ${tier.threshold}); ${capacityGib} GiB is not one of them`,
      `use ${up} GiB`,
    );
  }
}

/** Filestore tiers the library offers: both support CMEK and NFSv4.1 (cloud.google.com/filestore/docs/service-tiers). */
export type FilestoreTier = 'ZONAL' | 'REGIONAL';

/**
 * Filestore zonal and regional capacity: 1,024 to 9,984 GiB in 256 GiB steps, or 10,240 to 102,400 GiB
 * in 2,560 GiB steps (cloud.google.com/filestore/docs/service-tiers, read 2026-11). Throws AIRA_E_STORAGE_SIZE.
 */
export function checkFilestoreSize(capacityGib: number, where: string): void {
  const low = capacityGib >= 1024 && capacityGib <= 9984 && capacityGib % 256 === 0;
  const high = capacityGib >= 10240 && capacityGib <= 102400 && capacityGib % 2560 === 0;
  if (!low && !high) {
    throw new AiraError(ErrorCodes.STORAGE_SIZE, where, `Filestore zonal and regional instances take 1024 to 9984 GiB in 256 GiB steps or 10240 to 102400 GiB in 2560 GiB steps; ${capacityGib} GiB is neither`, 'for example 1024, 2560 or 10240 GiB');
  }
}

/** Google options of the hot tier. */
export interface GcpHotTierOptions {
  /**
   * Range allocated to private services access, which Managed Lustre and Filestore take their
   * addresses from (each Lustre instance needs a /23 of it). It must not overlap any subnet of the
   * network. @default the network's edge slot, which the Google network leaves unused
   */
  readonly serviceRangeCidr?: string;
  /**
   * Create the private services access connection of the network. Google allows one per network and
   * service: when the network already has one (another StorageTiers' hot tier, Cloud SQL), turn this
   * off and set `serviceRangeCidr` to a range of that connection. @default true
   */
  readonly createServiceConnection?: boolean;
  /** Lustre: let GKE nodes (TPU pools) mount it; Lustre then listens on 6988, since GKE uses 988. @default false */
  readonly gkeClients?: boolean;
  /** Lustre file system name (at most 8 letters and digits), used when mounting. @default letters and digits of the tiers' name */
  readonly filesystem?: string;
  /** Filestore: tier. @default 'ZONAL' */
  readonly filestoreTier?: FilestoreTier;
}

/** Props of `HotTier`. */
export interface HotTierProps extends GcpHotTierOptions {
  readonly network: IGcpNetwork;
  readonly project: string;
  readonly namePrefix: string;
  readonly plan: PlannedHotTier;
  readonly keyRef: string;
  readonly preventDestroy: boolean;
  /** Key grants that must exist first (Filestore's service agent). */
  readonly dependsOn: ITerraformDependable[];
  readonly labels: Record<string, string>;
}

/** Filestore NFS ports clients and server use (cloud.google.com/filestore/docs/configuring-firewall). */
export const FILESTORE_PORTS = ['111', '2046', '2049', '2050', '4045'];
/** Lustre port when GKE clients are enabled (cloud.google.com/managed-lustre/docs/create-instance). */
export const LUSTRE_GKE_PORT = 6988;

/**
 * The hot tier on Google Cloud: Managed Lustre (`google_lustre_instance`) or Filestore, attached to the
 * network through private services access (cloud.google.com/managed-lustre/docs/vpc), reachable from
 * the consumer planes only.
 *
 * Reachability: the file system lives in a Google-managed network peered with the segmented network,
 * so the network's plane firewall cannot select it by tag. The consumer planes' flows to the data
 * plane are declared (the network's record of who may mount it, which policy checks read), and a
 * firewall rule admits the file system's connections back to the consumer planes' tags from the
 * service range on the Lustre (or NFS) ports only. A protected-plane consumer also gets an egress
 * allow to the range, since its egress is denied.
 *
 * Parallelstore is deprecated upstream and not offered. Encryption: Filestore takes the
 * customer-managed key; `google_lustre_instance` in provider-google 6.50 has no key argument, so
 * Lustre data is encrypted with Google-managed keys (the API's `kmsKey` field is not exposed yet).
 */
export class HotTier extends Construct {
  public readonly lustre?: LustreInstance;
  public readonly filestore?: FilestoreInstance;
  /** The range private services access allocates from. */
  public readonly serviceRangeCidr: string;

  constructor(scope: Construct, id: string, p: HotTierProps) {
    super(scope, id);
    const where = this.node.path;
    const h = p.plan;
    const net = p.network;
    this.serviceRangeCidr = p.serviceRangeCidr ?? net.layout.edgeCidr;
    const range = parseCidr(this.serviceRangeCidr, where);
    if (range.prefix > 23) {
      throw new AiraError(ErrorCodes.CIDR_TOO_SMALL, where, `the service range ${this.serviceRangeCidr} is smaller than the /23 a Managed Lustre instance needs`, 'give serviceRangeCidr a /23 or larger block outside every subnet');
    }
    const rangeName = gcpName(p.namePrefix, 'psa');
    const deps: ITerraformDependable[] = [...p.dependsOn];
    const ownConnection = p.createServiceConnection ?? true;
    if (ownConnection) {
      const address = new ComputeGlobalAddress(this, 'range', {
        project: p.project,
        name: rangeName,
        description: `Private services access range for the hot tier of ${p.namePrefix}`,
        purpose: 'VPC_PEERING',
        addressType: 'INTERNAL',
        address: formatBase(this.serviceRangeCidr),
        prefixLength: range.prefix,
        network: net.networkId,
      });
      deps.push(
        new ServiceNetworkingConnection(this, 'peering', {
          network: net.networkId,
          service: 'servicenetworking.googleapis.com',
          reservedPeeringRanges: [address.name],
          // Deleting the peering fails while any managed service still uses it; leave it to the network's end.
          deletionPolicy: 'ABANDON',
        }),
      );
    }
    const lifecycle = { preventDestroy: p.preventDestroy };
    let ports: string[];
    let protocols: string[];
    if (h.kind === 'lustre') {
      checkLustreSize(h.capacityGib, h.throughputMbpsPerTib, where);
      const filesystem = p.filesystem ?? (p.namePrefix.replace(/[^a-z0-9]/g, '').slice(0, 8) || 'lustrefs');
      if (!/^[A-Za-z0-9]{1,8}$/.test(filesystem)) throw new AiraError(ErrorCodes.INVALID_NAME, where, `Lustre file system name "${filesystem}" is not 1 to 8 letters and digits`, 'for example filesystem: "trainfs"');
      this.lustre = new LustreInstance(this, 'lustre', {
        project: p.project,
        instanceId: gcpName(p.namePrefix, 'lustre'),
        description: `Hot tier of ${p.namePrefix}, linked to the ${h.linkedRole} bucket`,
        location: h.zone,
        filesystem,
        capacityGib: String(h.capacityGib),
        perUnitStorageThroughput: String(h.throughputMbpsPerTib),
        network: net.networkId,
        gkeSupportEnabled: p.gkeClients ?? false,
        labels: p.labels,
        dependsOn: deps,
        lifecycle,
      });
      ports = [String(LUSTRE_PORTS.server), ...(p.gkeClients ? [String(LUSTRE_GKE_PORT)] : [])];
      protocols = ['tcp'];
    } else {
      checkFilestoreSize(h.capacityGib, where);
      const tier = p.filestoreTier ?? 'ZONAL';
      if (tier !== 'ZONAL' && tier !== 'REGIONAL') throw new AiraError(ErrorCodes.INVALID_PROP, where, `Filestore tier "${String(tier)}" is not offered`, "use 'ZONAL' or 'REGIONAL'");
      this.filestore = new FilestoreInstance(this, 'filestore', {
        project: p.project,
        name: gcpName(p.namePrefix, 'filestore'),
        description: `Hot tier of ${p.namePrefix}`,
        location: tier === 'ZONAL' ? h.zone : net.region,
        tier,
        kmsKeyName: p.keyRef,
        fileShares: {
          name: 'share',
          capacityGb: h.capacityGib,
          // Only the consumer planes mount it; root on a client is not root on the share.
          nfsExportOptions: [{ ipRanges: planeRanges(net, h.consumers), accessMode: 'READ_WRITE', squashMode: 'ROOT_SQUASH' }],
        },
        // With the network's existing connection, Filestore picks an address from any of its ranges.
        networks: [{ network: net.networkName, modes: ['MODE_IPV4'], connectMode: 'PRIVATE_SERVICE_ACCESS', ...(ownConnection ? { reservedIpRange: rangeName } : {}) }],
        deletionProtectionEnabled: p.preventDestroy,
        ...(p.preventDestroy ? { deletionProtectionReason: 'Hot tier data: remove protection deliberately before deleting' } : {}),
        labels: p.labels,
        dependsOn: deps,
        lifecycle,
      });
      ports = FILESTORE_PORTS;
      protocols = ['tcp', 'udp'];
    }
    const consumers = h.consumers.filter((c) => c !== 'data');
    const targets = [...new Set([...consumers, ...(h.consumers.includes('data') ? ['data' as Plane] : [])])].map((c) => net.networkTag(c));
    if (h.declareFlows) {
      const port = h.kind === 'lustre' ? LUSTRE_PORTS.server : 2049;
      for (const c of consumers) net.allow(c, 'data', port, `${c} nodes mount the ${h.kind === 'lustre' ? 'Lustre' : 'Filestore'} hot tier of ${p.namePrefix}`.slice(0, 140));
    }
    new ComputeFirewall(this, 'clients-in', {
      project: p.project,
      network: net.networkId,
      name: gcpName(p.namePrefix, h.kind, 'to-clients'),
      description: `The ${h.kind} hot tier reaches its client planes on its own ports only`,
      direction: 'INGRESS',
      priority: 1000,
      sourceRanges: [this.serviceRangeCidr],
      targetTags: targets,
      allow: protocols.map((protocol) => ({ protocol, ports })),
      logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    if (h.consumers.includes(AIR_GAPPED_PLANE)) {
      new ComputeFirewall(this, 'protected-out', {
        project: p.project,
        network: net.networkId,
        name: gcpName(p.namePrefix, h.kind, 'from-protected'),
        description: `The protected plane mounts the ${h.kind} hot tier (its other egress stays denied)`,
        direction: 'EGRESS',
        priority: 1000,
        destinationRanges: [this.serviceRangeCidr],
        targetTags: [net.networkTag(AIR_GAPPED_PLANE)],
        allow: protocols.map((protocol) => ({ protocol, ports: h.kind === 'lustre' ? ports : FILESTORE_PORTS })),
        logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
      });
    }
  }
}

function planeRanges(net: IGcpNetwork, planes: readonly Plane[]): string[] {
  return planes.map((p) => net.layout.planes.find((l) => l.plane === p)?.cidr).filter((c): c is string => c !== undefined);
}

function formatBase(cidr: string): string {
  return cidr.split('/')[0];
}
