import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, FlowProtocol, PortSpec, checkReason, portRange } from '../core/network';
import { azureName } from '../core/naming';
import { AIR_GAPPED_PLANE, Plane, assertPlane } from '../core/planes';
import { AiraTags } from '../core/tagging';

/**
 * Priority bands of the rules this library writes. Azure evaluates rules from the lowest number up and
 * takes the first match; custom rules use 100 to 4096 and each direction of an NSG needs distinct
 * numbers (learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules).
 * Declared flows come first so nothing below them can shadow them; the deny-all rules sit at 4096, the
 * last custom priority, above Azure's default rules (65000 and up, which allow the whole VNet).
 */
export const NSG_PRIORITY = {
  firstFlow: 100,
  lastFlow: 2999,
  firstPublicIngress: 3000,
  lastPublicIngress: 3099,
  loadBalancerProbes: 3900,
  storage: 4000,
  keyVault: 4001,
  internet: 4002,
  denyAll: 4096,
} as const;

/**
 * The name of one direction of a declared flow's NSG rule: the flow's key and `in` or `out`
 * (`training-to-data-tcp-988-in`). NSG rules take no tags, so this name is the declared-flow marker,
 * as the `aira:flow` tag is on AWS: the zero-trust policy rule (AIRA-GLD-001,
 * policies/golden/zero-trust-azure.ts) passes an allow between two planes only when its name is the key
 * of the planes, protocol and ports it opens. Keep the format in step with that rule.
 */
export function flowRuleName(flow: DeclaredFlow, direction: 'in' | 'out'): string {
  return `${flow.key}-${direction}`;
}

/** A plane's NSG as the rules see it. */
export interface PlaneNsg {
  readonly plane: Plane;
  /** NSG name (rules are attached by name and resource group). */
  readonly name: string;
  /** NSG resource id. */
  readonly id: string;
  /** The plane subnet's address prefix: the source or destination of the plane's rules. */
  readonly cidr: string;
}

/** One security rule, in this library's terms. */
interface RuleSpec {
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  readonly priority: number;
  readonly protocol: 'tcp' | 'udp' | 'all';
  readonly ports: readonly [number, number] | 'all';
  /** An address prefix, a service tag, or a list of prefixes. */
  readonly source: string | readonly string[];
  readonly destination: string;
  /** Why the rule exists: becomes its description (Azure allows 140 characters). */
  readonly reason: string;
}

/** Props of `PlaneSecurityRules.create`. */
export interface PlaneSecurityRulesProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly namePrefix: string;
  readonly planes: ReadonlyArray<{ readonly plane: Plane; readonly cidr: string }>;
}

/**
 * The NSGs of a segmented VNet and their rules: one NSG per plane, explicit deny-all rules in both
 * directions, one rule resource per declared flow direction (so a flow is a reviewable resource whose
 * description is its reason), and the baseline outbound paths each plane needs.
 */
export class PlaneSecurityRules extends Construct {
  /** One new NSG per plane, with deny-all rules in both directions. */
  public static create(scope: Construct, id: string, props: PlaneSecurityRulesProps): PlaneSecurityRules {
    const rules = new PlaneSecurityRules(scope, id, props.resourceGroupName, NSG_PRIORITY.firstFlow);
    for (const p of props.planes) {
      const nsg = new NetworkSecurityGroup(rules, p.plane, { name: azureName(props.namePrefix, p.plane, 'nsg'), location: props.location, resourceGroupName: props.resourceGroupName });
      AiraTags.of(nsg).add({ plane: p.plane });
      rules.nsgs.set(p.plane, { plane: p.plane, name: nsg.name, id: nsg.id, cidr: p.cidr });
      rules.denyAll(p.plane);
    }
    return rules;
  }

  /**
   * NSGs of an existing network: flow rules are added to them, nothing else.
   * @param firstFlowPriority first priority the flows may take (the NSGs' own rules must not use the band)
   */
  public static existing(scope: Construct, id: string, resourceGroupName: string, nsgs: readonly PlaneNsg[], firstFlowPriority: number): PlaneSecurityRules {
    const rules = new PlaneSecurityRules(scope, id, resourceGroupName, firstFlowPriority);
    for (const n of nsgs) rules.nsgs.set(n.plane, n);
    return rules;
  }

  private readonly nsgs = new Map<Plane, PlaneNsg>();
  private nextFlowPriority: number;

  private constructor(
    scope: Construct,
    id: string,
    private readonly resourceGroupName: string,
    firstFlowPriority: number,
  ) {
    super(scope, id);
    this.nextFlowPriority = firstFlowPriority;
  }

  /** The NSG of a plane. */
  public nsg(plane: Plane): PlaneNsg {
    const nsg = this.nsgs.get(plane);
    if (!nsg) throw new AiraError(ErrorCodes.UNKNOWN_PLANE, this.node.path, `no network security group for plane ${plane}`, `use one of: ${[...this.nsgs.keys()].join(', ')}`);
    return nsg;
  }

  /**
   * A declared cross-plane flow: an outbound rule on the source plane's NSG and an inbound rule on the
   * target's, both from the source subnet to the target subnet, with one priority from the flow band.
   */
  public flow(f: DeclaredFlow): void {
    const priority = this.takeFlowPriority(f.key);
    const from = this.nsg(f.from);
    const to = this.nsg(f.to);
    const spec = { access: 'Allow', priority, protocol: f.protocol, ports: [f.fromPort, f.toPort], source: from.cidr, destination: to.cidr, reason: f.reason } as const;
    this.rule(f.from, flowRuleName(f, 'out'), { ...spec, direction: 'Outbound' });
    this.rule(f.to, flowRuleName(f, 'in'), { ...spec, direction: 'Inbound' });
  }

  /** Traffic among the machines of one plane: an inbound and an outbound rule on its own NSG. */
  public withinPlane(f: DeclaredFlow): void {
    const priority = this.takeFlowPriority(f.key);
    const nsg = this.nsg(f.from);
    const spec = { access: 'Allow', priority, protocol: f.protocol, ports: [f.fromPort, f.toPort], source: nsg.cidr, destination: nsg.cidr, reason: f.reason } as const;
    this.rule(f.from, flowRuleName(f, 'out'), { ...spec, direction: 'Outbound' });
    this.rule(f.from, flowRuleName(f, 'in'), { ...spec, direction: 'Inbound' });
  }

  /**
   * Outbound paths every plane needs. All planes: HTTPS to Azure Storage and Key Vault, which the
   * subnets reach privately over their service endpoints (the air-gapped plane has no other way out).
   * Non-protected planes, when the network has NAT: HTTPS to the internet (package mirrors, container
   * registries and Azure's own APIs, which are part of the `Internet` tag) through the NAT gateway.
   * DNS (168.63.129.16) and the instance metadata service are platform traffic no NSG filters.
   */
  public baseline(planes: readonly Plane[], internetEgress: boolean): void {
    for (const plane of planes) {
      const src = this.nsg(plane).cidr;
      const https = { direction: 'Outbound', access: 'Allow', protocol: 'tcp', ports: [443, 443], source: src } as const;
      this.rule(plane, 'storage-out', { ...https, priority: NSG_PRIORITY.storage, destination: 'Storage', reason: 'HTTPS to Azure Storage over the subnet service endpoint' });
      this.rule(plane, 'keyvault-out', { ...https, priority: NSG_PRIORITY.keyVault, destination: 'AzureKeyVault', reason: 'HTTPS to Azure Key Vault over the subnet service endpoint' });
      if (internetEgress && plane !== AIR_GAPPED_PLANE) {
        this.rule(plane, 'internet-out', { ...https, priority: NSG_PRIORITY.internet, destination: 'Internet', reason: 'HTTPS to the internet through the NAT gateway (packages, images, Azure APIs)' });
      }
    }
  }

  /**
   * Health probes of Azure load balancers come from the `AzureLoadBalancer` tag (168.63.129.16); the
   * deny-all rule would drop them, so the plane that hosts load balancers lets them in.
   */
  public loadBalancerProbes(plane: Plane): void {
    const nsg = this.nsg(plane);
    this.rule(plane, 'lb-probes-in', {
      direction: 'Inbound',
      access: 'Allow',
      priority: NSG_PRIORITY.loadBalancerProbes,
      protocol: 'all',
      ports: 'all',
      source: 'AzureLoadBalancer',
      destination: nsg.cidr,
      reason: 'Health probes of Azure load balancers (168.63.129.16)',
    });
  }

  /** Reasoned internet ingress to a plane (checked by the caller to be the inference plane). */
  public publicIngress(plane: Plane, index: number, ports: readonly [number, number], protocol: 'tcp' | 'udp', sources: readonly string[] | undefined, reason: string): void {
    const priority = NSG_PRIORITY.firstPublicIngress + index;
    if (priority > NSG_PRIORITY.lastPublicIngress) {
      throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `more than ${NSG_PRIORITY.lastPublicIngress - NSG_PRIORITY.firstPublicIngress + 1} public ingress rules`, 'merge public ingress rules into port ranges');
    }
    // Without explicit sources the rule takes the `Internet` service tag: the internet's addresses
    // without the VNet's own, which is what "public" means here.
    const source = sources && sources.length > 0 ? (sources.length === 1 ? sources[0] : sources) : 'Internet';
    this.rule(plane, `public-${index}-in`, { direction: 'Inbound', access: 'Allow', priority, protocol, ports, source, destination: this.nsg(plane).cidr, reason });
  }

  /** Explicit deny-all rules in both directions, so VNet flow logs name the rule that dropped a flow. */
  private denyAll(plane: Plane): void {
    const deny = { access: 'Deny', priority: NSG_PRIORITY.denyAll, protocol: 'all', ports: 'all', source: '*', destination: '*' } as const;
    this.rule(plane, 'deny-all-in', { ...deny, direction: 'Inbound', reason: 'Zero trust: deny inbound traffic no rule above allows (overrides Azure default AllowVnetInBound)' });
    this.rule(plane, 'deny-all-out', { ...deny, direction: 'Outbound', reason: 'Zero trust: deny outbound traffic no rule above allows (overrides Azure default allow rules)' });
  }

  private takeFlowPriority(key: string): number {
    const priority = this.nextFlowPriority;
    if (priority > NSG_PRIORITY.lastFlow) {
      throw new AiraError(ErrorCodes.INVALID_FLOW, this.node.path, `flow ${key} does not fit: flows take priorities up to ${NSG_PRIORITY.lastFlow}`, 'declare fewer flows, for example one port range instead of many ports');
    }
    this.nextFlowPriority++;
    return priority;
  }

  private rule(plane: Plane, name: string, r: RuleSpec): NetworkSecurityRule {
    const nsg = this.nsg(plane);
    const protocol = r.protocol === 'all' ? '*' : r.protocol === 'tcp' ? 'Tcp' : 'Udp';
    const ports = r.ports === 'all' ? '*' : r.ports[0] === r.ports[1] ? `${r.ports[0]}` : `${r.ports[0]}-${r.ports[1]}`;
    return new NetworkSecurityRule(this, `${plane}-${name}`, {
      // A flow's rule name carries the flow key (`flowRuleName`; Azure rules take no tags), like the
      // aira:flow tag on AWS; the keys stay far below the 80 characters azureName would shorten.
      name: azureName(name),
      resourceGroupName: this.resourceGroupName,
      networkSecurityGroupName: nsg.name,
      direction: r.direction,
      access: r.access,
      priority: r.priority,
      protocol,
      sourcePortRange: '*',
      destinationPortRange: ports,
      ...(typeof r.source === 'string' ? { sourceAddressPrefix: r.source } : { sourceAddressPrefixes: [...r.source] }),
      destinationAddressPrefix: r.destination,
      description: r.reason,
    });
  }
}

/**
 * Checks a flow among the machines of one plane and returns it as a declared flow whose `from` and `to`
 * are the same plane (key `<plane>-within-<protocol>-<ports>`). Throws as `checkFlow` does.
 */
export function checkWithinPlaneFlow(spec: { plane: Plane; port: PortSpec; reason: string; protocol?: FlowProtocol }, planes: readonly Plane[], where: string): DeclaredFlow {
  const plane = assertPlane(spec.plane, where, planes);
  const protocol = spec.protocol ?? 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp') {
    throw new AiraError(ErrorCodes.INVALID_FLOW, where, `protocol "${String(protocol)}" is not tcp or udp`, 'use "tcp" or "udp"');
  }
  const [fromPort, toPort] = portRange(spec.port, where);
  const reason = checkReason(spec.reason, where, `flow within ${plane}`);
  const ports = fromPort === toPort ? `${fromPort}` : `${fromPort}-${toPort}`;
  return { from: plane, to: plane, fromPort, toPort, protocol, reason, key: `${plane}-within-${protocol}-${ports}` };
}
