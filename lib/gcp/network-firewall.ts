import { ComputeFirewall, ComputeFirewallConfig } from '@cdktf/provider-google/lib/compute-firewall';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, FlowProtocol } from '../core/network';
import { gcpName } from '../core/naming';
import { AIR_GAPPED_PLANE, Plane } from '../core/planes';
import { GOOGLE_API_RANGES } from './network-private-access';

/**
 * Priority of the explicit deny-all rules: just above the implied rules (65535), which cannot be
 * logged (cloud.google.com/firewall/docs/firewall-rules-logging#specifications). Every allow sits at
 * the default 1000, so it wins over these denies.
 */
export const DENY_ALL_PRIORITY = 65534;
const ALLOW_PRIORITY = 1000;
// Logging with metadata names the rule, the tags and the instances of every logged connection.
const LOG = { metadata: 'INCLUDE_ALL_METADATA' };

/** Props of `PlaneFirewall`. */
export interface PlaneFirewallProps {
  /** Id (or self link) of the network the rules belong to. */
  readonly network: string;
  /** Name of the network: prefix of every rule's name. */
  readonly networkName: string;
  /** Project of the network. @default the provider's project */
  readonly project?: string;
  /** Network tag per plane. */
  readonly tags: Partial<Record<Plane, string>>;
  /**
   * Primary range per plane: the destination of the egress rule a flow from the protected plane needs
   * (egress rules cannot select a destination by tag).
   */
  readonly planeCidrs: Partial<Record<Plane, string>>;
}

/** Reasoned internet ingress, checked. */
export interface PublicIngressRule {
  readonly plane: Plane;
  readonly fromPort: number;
  readonly toPort: number;
  readonly protocol?: FlowProtocol;
  readonly sources: readonly string[];
  readonly reason: string;
}

/**
 * The firewall rules of a segmented network. Google VPC firewalls are stateful and select instances by
 * network tag, so each plane is one tag: an explicit, logged deny of all ingress; one logged allow per
 * declared flow (source tag -> target tag, description = the reason); and, for the protected plane, a
 * logged deny of all egress with HTTPS to the Google API ranges above it.
 */
export class PlaneFirewall extends Construct {
  constructor(scope: Construct, id: string, private readonly props: PlaneFirewallProps) {
    super(scope, id);
  }

  /** Network tag of a plane. */
  public tag(plane: Plane): string {
    const tag = this.props.tags[plane];
    if (!tag) throw new AiraError(ErrorCodes.UNKNOWN_PLANE, this.node.path, `no network tag for plane ${plane}`, `use one of the planes ${Object.keys(this.props.tags).join(', ')}`);
    return tag;
  }

  /**
   * The deny-by-default rules of a new network: per plane, a logged deny of all ingress; for the
   * protected plane, a logged deny of all egress with HTTPS to the Google API ranges above it. Traffic
   * to the metadata server (DHCP, DNS, instance metadata) is always allowed and no rule can block it
   * (cloud.google.com/firewall/docs/firewalls#alwaysallowed), so the protected plane still resolves
   * names through the private `googleapis.com` zone.
   */
  public baseline(planes: readonly Plane[]): void {
    for (const plane of planes) {
      this.rule(`${plane}-deny-all-ingress`, {
        name: gcpName(this.props.networkName, plane, 'deny-all-ingress'),
        description: `Zero trust: the ${plane} plane takes no traffic but declared flows (logged, unlike the implied rule)`,
        direction: 'INGRESS',
        priority: DENY_ALL_PRIORITY,
        // The whole IPv4 space as the source of a deny: it closes, it opens nothing.
        sourceRanges: ['0.0.0.0/0'],
        targetTags: [this.tag(plane)],
        deny: [{ protocol: 'all' }],
      });
    }
    if (!planes.includes(AIR_GAPPED_PLANE)) return;
    const tag = this.tag(AIR_GAPPED_PLANE);
    this.rule('protected-deny-all-egress', {
      name: gcpName(this.props.networkName, AIR_GAPPED_PLANE, 'deny-all-egress'),
      description: 'Air gap: the protected plane sends nothing that is not explicitly allowed',
      direction: 'EGRESS',
      priority: DENY_ALL_PRIORITY,
      targetTags: [tag],
      destinationRanges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }],
    });
    this.rule('protected-allow-google-apis', {
      name: gcpName(this.props.networkName, AIR_GAPPED_PLANE, 'allow-google-apis'),
      description: 'Air gap: HTTPS to Google APIs through Private Google Access (private and restricted VIPs)',
      direction: 'EGRESS',
      priority: ALLOW_PRIORITY,
      targetTags: [tag],
      destinationRanges: GOOGLE_API_RANGES.map((r) => r.cidr),
      allow: [{ protocol: 'tcp', ports: ['443'] }],
    });
  }

  /**
   * The rules of a declared flow: an ingress allow from the source plane's tag to the target plane's
   * tag, plus an egress allow when the flow leaves the protected plane (whose egress is denied).
   */
  public flow(f: DeclaredFlow): void {
    const allow = [{ protocol: f.protocol, ports: [ports(f.fromPort, f.toPort)] }];
    this.rule(`ingress-${f.key}`, {
      name: gcpName(this.props.networkName, 'allow', f.key),
      description: f.reason,
      direction: 'INGRESS',
      priority: ALLOW_PRIORITY,
      sourceTags: [this.tag(f.from)],
      targetTags: [this.tag(f.to)],
      allow,
    });
    if (f.from !== AIR_GAPPED_PLANE) return;
    const destination = this.props.planeCidrs[f.to];
    if (!destination) {
      throw new AiraError(ErrorCodes.MISSING_PROP, this.node.path, `flow ${f.key} leaves the protected plane, whose egress is denied, but the range of the ${f.to} subnetwork is unknown`, `give the ${f.to} subnet's cidr in the network attributes`);
    }
    this.rule(`egress-${f.key}`, {
      name: gcpName(this.props.networkName, 'allow-out', f.key),
      description: f.reason,
      direction: 'EGRESS',
      priority: ALLOW_PRIORITY,
      targetTags: [this.tag(f.from)],
      destinationRanges: [destination],
      allow,
    });
  }

  /** Internet ingress to a plane (the caller has checked it is the inference plane, with a reason). */
  public publicIngress(index: number, p: PublicIngressRule): void {
    const protocol = p.protocol ?? 'tcp';
    this.rule(`public-${index}`, {
      name: gcpName(this.props.networkName, 'public', `${index}`, p.plane, protocol, ports(p.fromPort, p.toPort)),
      description: p.reason,
      direction: 'INGRESS',
      priority: ALLOW_PRIORITY,
      sourceRanges: [...p.sources],
      targetTags: [this.tag(p.plane)],
      allow: [{ protocol, ports: [ports(p.fromPort, p.toPort)] }],
    });
  }

  private rule(id: string, config: Omit<ComputeFirewallConfig, 'network' | 'project' | 'logConfig'>): ComputeFirewall {
    // `log_config` turns logging on; `enable_logging` is deprecated in its favour (provider 3.33.0,
    // GoogleCloudPlatform/magic-modules#3780).
    return new ComputeFirewall(this, id, { ...config, network: this.props.network, project: this.props.project, logConfig: LOG });
  }
}

function ports(from: number, to: number): string {
  return from === to ? `${from}` : `${from}-${to}`;
}
