import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackend } from '../core/backend';
import { CLOUDS, Cloud } from '../core/catalog/types';
import { IAcceleratorPool, PoolCapabilities } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { CloudKit, IPlatformKey, IQuantumAccess, QuantumAccessOptions } from '../core/kit';
import { FlowSpec, INetwork } from '../core/network';
import { namePrefix } from '../core/naming';
import { catalogToday } from '../core/pool-plan';
import { SafetyAlarmOptions } from '../core/safety';
import { DataRole, IStorageTiers, ObjectTierSpec, ProtectionSpec } from '../core/storage';
import { AiraTagValues } from '../core/tags';
import { IVpnGateway, VpnPlan, gatewayBgpAddresses, planVpn } from '../core/vpn';
import { checkDemand, residencyAllows } from '../placement/check';
import { planTopology } from '../placement/optimizer';
import { PlacementOptions, PlacementPlan, WorkloadDemand } from '../placement/types';
import { PolicyGuard, PolicyGuardOptions } from '../policy/guard';
import { hasGuardAbove } from './platform-stack';
import { AuditManifest } from './audit';
import { TopologyDiagram } from './diagram';
import { Level4Demand, optimizerDemand, poolNames, poolPropsOf } from './level4-pools';
import { Level4Vpn, Level4VpnOptions, buildInterconnect, readableAcrossStacks, vpnKits } from './level4-interconnect';

export type { Level4Demand } from './level4-pools';
export type { Level4Vpn, Level4VpnLink, Level4VpnOptions } from './level4-interconnect';
export { balancedTopology } from './level4-pools';

/**
 * Private connectivity between the platform's clouds.
 * - `vpn`: site-to-site IPsec VPN with BGP between every pair of clouds the plan uses: a gateway in
 *   each cloud's stack and the links in a separate interconnect stack (see `Level4Platform`).
 * - `none`: each cloud's network stands alone (an explicit opt-out, for example when the clouds are
 *   joined by a dedicated interconnect managed elsewhere); they share one address space, so they can
 *   be joined later without renumbering.
 */
export type InterconnectMode = 'none' | 'vpn';

/** Object storage of each cloud's stack. */
export interface Level4StorageOptions {
  /** Object storage roles. @default `LEVEL4_DEFAULT_ROLES` (data lake, model registry, checkpoints) */
  readonly objectTiers?: ReadonlyArray<DataRole | ObjectTierSpec>;
  /** `prevent_destroy` on stateful resources. @default { preventDestroy: true } */
  readonly protection?: ProtectionSpec;
}

/** Props of `Level4Platform`. */
export interface Level4PlatformProps {
  /** The workloads to place; the topology optimizer chooses cloud, region, SKU, node count and fabric for each. */
  readonly demands: readonly Level4Demand[];
  /**
   * The clouds the platform may use, one kit each (`awsKit(...)`, `azureKit(...)`, `gcpKit(...)`). The
   * optimizer only considers these clouds and each kit's region: a kit fixes its stack's region.
   */
  readonly kits: { readonly aws?: CloudKit; readonly azure?: CloudKit; readonly gcp?: CloudKit };
  /** Base IPv4 block of each used cloud's network (/23 or larger; distinct, so the clouds can be joined). */
  readonly cidrs: { readonly aws?: string; readonly azure?: string; readonly gcp?: string };
  /** Weights and assumptions of the optimizer's objective. @default the optimizer's defaults */
  readonly placement?: Omit<PlacementOptions, 'today' | 'source'>;
  /** Prefix of resource names (letters, digits, -; at most 24). @default the construct id */
  readonly name?: string;
  /** State backend of each stack, by stack name and cloud. @default local state */
  readonly backend?: (stack: string, cloud: Cloud) => StateBackend | undefined;
  /** Tags for every resource. `level` is always 4. @default { level: 4 } */
  readonly tags?: AiraTagValues;
  /** Quantum access on every stack whose cloud has it (AWS Braket access, Azure Quantum), or false. @default true */
  readonly quantum?: boolean | Omit<QuantumAccessOptions, 'name'>;
  /** Object storage per stack, or false. @default the data lake, model registry and checkpoints roles */
  readonly storage?: Level4StorageOptions | false;
  /**
   * Private connectivity between the clouds. A plan on one cloud needs none, so nothing is built there
   * whatever the mode.
   * @default 'vpn' when the plan uses two or more clouds, else 'none'
   */
  readonly interconnect?: InterconnectMode;
  /** Options of the site-to-site VPN (`interconnect: 'vpn'`). @default the default ASNs; the interconnect stack's backend from `backend` */
  readonly vpn?: Level4VpnOptions;
  /** Safety alarm settings of every pool (a demand's own override these). @default on, documented thresholds */
  readonly alarms?: SafetyAlarmOptions;
  /** The synth-time policy guard on each stack, or false (an app-wide guard, when added, applies anyway). @default on, every rule, failing on high */
  readonly policyGuard?: PolicyGuardOptions | false;
  /** Write `aira-audit.json` per stack. @default true */
  readonly audit?: boolean;
  /** Write `aira-topology.json` per stack and `aira-topology.md`. @default true */
  readonly diagram?: boolean;
  /**
   * Flows between planes on every cloud's network (everything else is denied), for example the planes
   * whose clients call inference pools. @default none
   */
  readonly flows?: readonly FlowSpec[];
  /** Address space the networks share (their blocks must not overlap). @default the platform name */
  readonly addressSpace?: string;
}

/** What the platform built on one cloud. */
export interface Level4CloudPart {
  readonly cloud: Cloud;
  readonly stack: TerraformStack;
  readonly key: IPlatformKey;
  readonly network: INetwork;
  /** The stack's object storage, with the pools' grants. @default none: only when the platform's `storage` is false */
  readonly storage?: IStorageTiers;
  /** Pools by demand id. */
  readonly pools: Readonly<Record<string, IAcceleratorPool>>;
  /** The stack's quantum access (the kit's `createQuantumAccess`). @default none: only when the platform's `quantum` is false */
  readonly quantum?: IQuantumAccess;
  /**
   * The stack's policy guard. @default none when `policyGuard` is false or a guard already covers the
   * stack from above (an app-wide guard), which then checks it instead
   */
  readonly guard?: PolicyGuard;
  /** The stack's site-to-site VPN gateway. @default none: only with the `vpn` interconnect */
  readonly vpnGateway?: IVpnGateway;
}

/** Object storage roles of each stack by default. */
export const LEVEL4_DEFAULT_ROLES: readonly DataRole[] = ['data-lake', 'model-registry', 'checkpoints'];


/**
 * Level 4 of the reference architecture, autonomous computing: the topology optimizer places the
 * workload demands over the clouds whose kits are given, and the plan drives what is synthesized, one
 * Terraform stack per cloud the plan uses (`<id>-aws`, `<id>-azure`, `<id>-gcp`), each with:
 * - a customer-managed key and a segmented network (the clouds share one address space);
 * - one accelerator pool per placement, with the plan's SKU, node count, capacity mode and zone count
 *   (zone names are the kit's: the optimizer only knows each cloud's naming convention), the SKU's
 *   high-bandwidth fabric attached (EFA, InfiniBand, GPUDirect-TCPX/TCPXO, TPU ICI: the reference's
 *   "optical network") with cluster placement for multi-node single-zone pools; FPGA demands land on
 *   AWS F2 or Azure NP pools; an autoscaling manager with scheduled (predictive) scaling from each
 *   demand's weekly profile; the safety alarms (thermal overload, GPU and Neuron faults) on;
 * - object storage (lake, registry, checkpoints) with least-privilege grants to the pools;
 * - quantum access where the cloud has a managed service (Braket access on AWS, an Azure Quantum
 *   workspace; Google has none, so nothing is deployed there);
 * - the policy guard, the audit manifest (`aira-audit.json`) and the topology diagram
 *   (`aira-topology.md`).
 *
 * Cross-cloud private connectivity (`interconnect`, by default `vpn` when the plan uses two or more
 * clouds): site-to-site IPsec VPN with BGP between every pair of clouds, in two phases without a
 * dependency cycle:
 * - each cloud's stack builds its gateway side: an AWS virtual private gateway attached to the VPC
 *   (routes propagated into the non-protected planes' route tables only), an Azure active-active
 *   zone-redundant VPN gateway (VpnGw2AZ by default) on a `GatewaySubnet` with two Standard public IPs,
 *   a Google HA VPN gateway with a Cloud Router advertising the non-protected planes only;
 * - a fourth stack, `<id>-interconnect`, holds the links (AWS customer gateways and VPN connections,
 *   Azure local network gateways and connections, Google external VPN gateways, tunnels, router
 *   interfaces and BGP peers) and reads the gateways through cdktf cross-stack references, so
 *   `cdktf deploy` applies it after them. Each link's pre-shared key is a sensitive Terraform variable,
 *   `vpn_psk_<a>_<b>` (set `TF_VAR_vpn_psk_aws_azure` and so on from a secret store).
 * BGP ASNs and inside-tunnel /30s are allocated deterministically (`planVpn`). The protected plane
 * stays air-gapped: no VPN route reaches its route table (AWS, Azure) and Google advertises only the
 * other planes. The VPN carries routes; each plane's deny-by-default rules still decide what traffic
 * passes. `interconnect: 'none'` builds none of it.
 *
 * Infeasible demands fail at construct time with AIRA_E_PLACEMENT_INFEASIBLE, the construct path and the
 * nearest feasible options.
 *
 * @example
 * const l4 = new Level4Platform(app, 'ai', {
 *   kits: { aws: awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] }), gcp: gcpKit({ project: 'acme', region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'] }) },
 *   cidrs: { aws: '10.16.0.0/16', gcp: '10.36.0.0/16' },
 *   demands: [{ id: 'pretrain', accelerator: 'H100', count: 16, minInterconnectGbps: 3200 }, { id: 'finetune', accelerator: 'TPU v5p', count: 8 }],
 * });
 * l4.plan.placements; // where each demand went, and why
 */
export class Level4Platform extends Construct {
  /** The optimizer's plan the stacks were built from. */
  public readonly plan: PlacementPlan;
  /** One stack per cloud the plan uses. */
  public readonly stacks: Partial<Record<Cloud, TerraformStack>>;
  /** What was built on each cloud. */
  public readonly clouds: Partial<Record<Cloud, Level4CloudPart>>;
  /** Every pool by demand id. */
  public readonly pools: Readonly<Record<string, IAcceleratorPool>>;
  /** Capabilities of every pool, in demand id order. */
  public readonly capabilities: readonly PoolCapabilities[];
  /** The interconnect built: `vpn` when the plan uses two or more clouds and the mode is `vpn`, else `none`. */
  public readonly interconnect: InterconnectMode;
  /** The site-to-site VPN: plan, interconnect stack, gateways and links. @default none: only with the `vpn` interconnect */
  public readonly vpn?: Level4Vpn;
  /** The interconnect stack (`<id>-interconnect`), with the `vpn` interconnect. */
  public readonly interconnectStack?: TerraformStack;

  /**
   * @param scope the app (the platform's stacks are created under this construct)
   * @param id id of the platform; stacks are `<id>-<cloud>`
   */
  constructor(scope: Construct, id: string, props: Level4PlatformProps) {
    super(scope, id);
    const where = this.node.path;
    if (!props) throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no props given', 'pass { kits, cidrs, demands }');
    const name = namePrefix(props.name, id, where);
    if (name.length > 24) {
      throw new AiraError(ErrorCodes.INVALID_NAME, where, `name "${name}" is longer than 24 characters, which the names built from it cannot take`, 'pass a shorter name (or id)');
    }
    const requested = props.interconnect;
    if (requested !== undefined && requested !== 'vpn' && requested !== 'none') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `interconnect "${String(requested)}" is unknown`, "use 'vpn' (site-to-site VPN, the default) or 'none'");
    }
    const kits = checkKits(props.kits, where);
    if (!Array.isArray(props.demands) || props.demands.length === 0) {
      throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no demands given', 'list the workloads to place, for example { id: "pretrain", accelerator: "H100", count: 16 }');
    }

    this.plan = planTopology(
      props.demands.map((d) => narrowToKits(d, kits, where)),
      { ...props.placement, today: catalogToday(this), source: where },
    );
    const byId = new Map(props.demands.map((d) => [d.id, d]));
    // One cloud needs no interconnect, whatever was asked.
    this.interconnect = this.plan.clouds.length >= 2 ? (requested ?? 'vpn') : 'none';
    let vpnPlan: VpnPlan | undefined;
    const vpn = this.interconnect === 'vpn' ? vpnKits(this.plan.clouds, kits, where) : undefined;
    if (vpn) vpnPlan = planVpn(this.plan.clouds, props.vpn?.asns ?? {}, where);
    const gateways: Partial<Record<Cloud, IVpnGateway>> = {};

    const stacks: Partial<Record<Cloud, TerraformStack>> = {};
    const parts: Partial<Record<Cloud, Level4CloudPart>> = {};
    const allPools: Record<string, IAcceleratorPool> = {};
    for (const cloud of this.plan.clouds) {
      const kit = kits[cloud]!;
      const cidr = props.cidrs?.[cloud];
      if (!cidr) throw new AiraError(ErrorCodes.MISSING_PROP, where, `the plan uses ${cloud} but cidrs.${cloud} is not given`, `add cidrs: { ${cloud}: '10.x.0.0/16' }, distinct from the other clouds' blocks`);
      const stackId = `${id}-${cloud}`;
      const given = props.backend?.(stackId, cloud);
      // The interconnect stack reads this stack's state (cross-stack references): keep it findable from there.
      const backend = vpnPlan ? readableAcrossStacks(given, stackId) : given;
      const stack = kit.createStack(this, stackId, { ...(backend ? { backend } : {}), tags: { ...props.tags, level: 4 } });
      const part = new Construct(stack, 'platform');
      const key = kit.createKey(part, 'key', `Platform key of Level 4 platform ${name} on ${cloud}: storage, disks and logs`);
      const network = kit.createNetwork(part, 'network', { cidr, name, addressSpace: props.addressSpace ?? name, ...(props.flows ? { flows: props.flows } : {}) });
      if (vpn && vpnPlan) {
        gateways[cloud] = vpn[cloud]!.createGateway(part, 'vpn', { network, asn: vpnPlan.asns[cloud]!, bgpAddresses: gatewayBgpAddresses(vpnPlan, cloud), name });
      }

      const placements = this.plan.placements.filter((p) => p.cloud === cloud);
      const names = poolNames(name, placements.map((p) => p.demandId));
      const pools: Record<string, IAcceleratorPool> = {};
      for (const p of placements) {
        const d = byId.get(p.demandId)!;
        const poolWhere = `${part.node.path}/${p.demandId}`;
        if (p.zones.length > kit.zones.length) {
          throw new AiraError(ErrorCodes.INVALID_PROP, poolWhere, `demand "${d.id}" spreads over ${p.zones.length} zones, the ${cloud} kit has ${kit.zones.length}`, `give the ${cloud} kit ${p.zones.length} zones, or lower the demand's zones`);
        }
        const zones = kit.zones.slice(0, p.zones.length);
        pools[p.demandId] = kit.createPool(part, p.demandId, { ...poolPropsOf(p, d, zones, props.alarms, poolWhere), network, key, name: names.get(p.demandId)! });
        allPools[p.demandId] = pools[p.demandId];
      }

      let storage: IStorageTiers | undefined;
      if (props.storage !== false) {
        const s = props.storage ?? {};
        storage = kit.createStorage(part, 'storage', { network, key, name, objectTiers: s.objectTiers ?? LEVEL4_DEFAULT_ROLES, ...(s.protection ? { protection: s.protection } : {}) });
        grantByWorkload(storage, Object.values(pools));
      }

      let quantum: IQuantumAccess | undefined;
      if (props.quantum !== false) {
        const q = typeof props.quantum === 'object' ? props.quantum : {};
        quantum = kit.createQuantumAccess(part, 'quantum', { ...q, key, name });
      }

      let guard: PolicyGuard | undefined;
      const guarded = props.policyGuard !== false && !hasGuardAbove(stack);
      if (guarded) guard = PolicyGuard.of(stack, props.policyGuard || {});
      if (props.audit !== false) {
        const policy = props.policyGuard === false ? false : guarded ? { ...(props.policyGuard || {}) } : undefined;
        const workloadOf = (pool: IAcceleratorPool): string | undefined => Object.keys(pools).find((k) => pools[k] === pool);
        AuditManifest.of(stack, { level: 4, ...(policy !== undefined ? { policy } : {}), workloadOf });
      }
      if (props.diagram !== false) TopologyDiagram.of(stack, { level: 4 });

      stacks[cloud] = stack;
      const vpnGateway = gateways[cloud];
      parts[cloud] = { cloud, stack, key, network, ...(storage ? { storage } : {}), pools, ...(quantum ? { quantum } : {}), ...(guard ? { guard } : {}), ...(vpnGateway ? { vpnGateway } : {}) };
    }
    if (vpn && vpnPlan) {
      const icId = `${id}-interconnect`;
      const icBackend = props.vpn?.backend ?? props.backend?.(icId, this.plan.clouds[0]);
      this.vpn = buildInterconnect(this, icId, {
        plan: vpnPlan,
        kits: vpn,
        gateways,
        name,
        ...(icBackend ? { backend: icBackend } : {}),
        tags: { ...props.tags, level: 4 },
        ...(props.policyGuard !== undefined ? { policyGuard: props.policyGuard } : {}),
      });
      this.interconnectStack = this.vpn.stack;
    }
    this.stacks = stacks;
    this.clouds = parts;
    this.pools = allPools;
    this.capabilities = this.plan.placements.map((p) => allPools[p.demandId].capabilities);
  }
}

function checkKits(kits: Level4PlatformProps['kits'] | undefined, where: string): Partial<Record<Cloud, CloudKit>> {
  const out: Partial<Record<Cloud, CloudKit>> = {};
  for (const cloud of CLOUDS) {
    const kit = kits?.[cloud];
    if (kit === undefined) continue;
    if (typeof kit?.createStack !== 'function' || kit.cloud !== cloud) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `kits.${cloud} is not a ${cloud} kit (got ${String(kit?.cloud)})`, `pass kits: { ${cloud}: ${cloud}Kit({...}) }`);
    }
    out[cloud] = kit;
  }
  if (Object.keys(out).length === 0) throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no kit given', 'pass kits: { aws: awsKit({...}), gcp: gcpKit({...}) } (one per cloud the platform may use)');
  return out;
}

/**
 * The demand as the optimizer sees it on this platform: clouds limited to those with a kit whose
 * region the demand's residency admits and whose zones are enough, and residency limited to those
 * kits' regions (a kit fixes its stack's region). A demand no kit can take fails here, naming why.
 */
function narrowToKits(d: Level4Demand, kits: Partial<Record<Cloud, CloudKit>>, where: string): WorkloadDemand {
  const at = `${where}: demand "${String(d?.id)}"`;
  checkDemand(optimizerDemand(d), at);
  const zones = d.zones ?? 1;
  const usable = CLOUDS.filter((c) => {
    const kit = kits[c];
    return kit !== undefined && (!d.clouds || d.clouds.includes(c)) && residencyAllows(d.residency, kit.region) && kit.zones.length >= zones;
  });
  if (usable.length === 0) {
    const why = CLOUDS.filter((c) => kits[c]).map((c) => {
      const kit = kits[c]!;
      if (d.clouds && !d.clouds.includes(c)) return `${c} (not in the demand's clouds)`;
      if (!residencyAllows(d.residency, kit.region)) return `${c} ${kit.region} (outside residency ${d.residency?.join(', ')})`;
      return `${c} (the kit has ${kit.zones.length} zone(s), ${zones} asked)`;
    });
    throw new AiraError(ErrorCodes.PLACEMENT_INFEASIBLE, at, `no kit of the platform can take it: ${why.join('; ')}`, "add a kit in a region the demand allows (with enough zones), or relax the demand's clouds, residency or zones");
  }
  return { ...optimizerDemand(d), clouds: usable, residency: usable.map((c) => kits[c]!.region) };
}

/** Least-privilege grants by what each pool runs; a role the storage lacks gets no grant. */
function grantByWorkload(storage: IStorageTiers, pools: readonly IAcceleratorPool[]): void {
  const present = (roles: readonly DataRole[]) => roles.filter((r) => storage.roles.includes(r));
  const grant = (p: IAcceleratorPool, mode: 'read' | 'readWrite', roles: readonly DataRole[]) => {
    const r = present(roles);
    if (r.length === 0) return;
    if (mode === 'read') storage.grantRead(p, r);
    else storage.grantReadWrite(p, r);
  };
  for (const p of pools) {
    switch (p.capabilities.workload) {
      case 'training':
        grant(p, 'read', ['data-lake', 'feature-store']);
        grant(p, 'readWrite', ['checkpoints', 'model-registry', 'artifacts']);
        break;
      case 'inference':
        grant(p, 'read', ['model-registry']);
        break;
      case 'preprocessing':
        grant(p, 'readWrite', ['data-lake', 'feature-store']);
        break;
      case 'simulation':
        grant(p, 'readWrite', ['checkpoints', 'artifacts']);
        break;
    }
  }
}
