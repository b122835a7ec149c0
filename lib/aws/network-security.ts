import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { DeclaredFlow } from '../core/network';
import { AIR_GAPPED_PLANE, Plane } from '../core/planes';
import { AiraTags } from '../core/tagging';

/** Where a rule sends or takes traffic. */
export type RulePeer = { readonly securityGroupId: string } | { readonly cidr: string } | { readonly prefixListId: string };

/** One security group rule. */
export interface SgRule {
  readonly port: [number, number] | 'all';
  readonly protocol: 'tcp' | 'udp' | 'all';
  readonly peer: RulePeer;
  /** Why the rule exists: becomes the rule's description. */
  readonly reason: string;
}

/**
 * The security groups of a segmented VPC: one per plane with no rule at all by default (deny), one
 * for the interface endpoints, and the VPC's default group emptied so nothing can fall back on it.
 */
export class PlaneSecurityGroups extends Construct {
  /**
   * Security groups of an existing network: rules are added to them, nothing else is created.
   * @param ids security group id per plane (and `endpoints`, when the network has one)
   */
  public static existing(scope: Construct, id: string, ids: Partial<Record<Plane | 'endpoints', string>>): PlaneSecurityGroups {
    const groups = new PlaneSecurityGroups(scope, id);
    for (const [name, sgId] of Object.entries(ids)) if (sgId) groups.ids.set(name as Plane | 'endpoints', sgId);
    return groups;
  }

  /** Security groups of a new network: one per plane and one for the endpoints. */
  public static create(scope: Construct, id: string, vpcId: string, namePrefix: string, planes: readonly Plane[]): PlaneSecurityGroups {
    const groups = new PlaneSecurityGroups(scope, id);
    // Terraform takes over the default group and strips its rules (CIS AWS 5.4).
    new DefaultSecurityGroup(groups, 'default', { vpcId });
    const make = (name: Plane | 'endpoints', description: string): void => {
      const sg = new SecurityGroup(groups, name, { name: `${namePrefix}-${name}`, description, vpcId, tags: { Name: `${namePrefix}-${name}` } });
      AiraTags.of(sg).add({ plane: name === 'endpoints' ? 'shared' : name });
      groups.ids.set(name, sg.id);
    };
    for (const plane of planes) make(plane, `Plane ${plane}: deny by default, declared flows only`);
    make('endpoints', 'Interface endpoints: HTTPS from the planes of this VPC');
    return groups;
  }

  // Rules are separate resources so that one declared flow is one reviewable resource.
  private readonly ids = new Map<Plane | 'endpoints', string>();

  /** Security group id of a plane, or of the endpoints group. */
  public id(name: Plane | 'endpoints'): string {
    const sgId = this.ids.get(name);
    if (!sgId) throw new Error(`${this.node.path}: no security group for ${name}`);
    return sgId;
  }

  /** Adds an ingress rule to a group. */
  public ingress(to: Plane | 'endpoints', ruleId: string, rule: SgRule): VpcSecurityGroupIngressRule {
    return new VpcSecurityGroupIngressRule(this, `${to}-in-${ruleId}`, { securityGroupId: this.id(to), ...ruleArgs(rule) });
  }

  /** Adds an egress rule to a group. */
  public egress(from: Plane | 'endpoints', ruleId: string, rule: SgRule): VpcSecurityGroupEgressRule {
    return new VpcSecurityGroupEgressRule(this, `${from}-out-${ruleId}`, { securityGroupId: this.id(from), ...ruleArgs(rule) });
  }

  /** Creates the ingress and egress rules of a declared cross-plane flow. */
  public flow(f: DeclaredFlow): void {
    const rule = (peer: Plane): SgRule => ({ port: [f.fromPort, f.toPort], protocol: f.protocol, peer: { securityGroupId: this.id(peer) }, reason: f.reason });
    this.ingress(f.to, `flow-${f.key}`, rule(f.from)).tags = { 'aira:flow': f.key };
    this.egress(f.from, `flow-${f.key}`, rule(f.to)).tags = { 'aira:flow': f.key };
  }

  /** Baseline egress: HTTPS to the endpoints for every plane, HTTPS to the internet for non-protected planes. */
  public baseline(planes: readonly Plane[], internetEgress: boolean, s3PrefixListId: string): void {
    for (const plane of planes) {
      this.egress(plane, 'endpoints', { port: [443, 443], protocol: 'tcp', peer: { securityGroupId: this.id('endpoints') }, reason: 'HTTPS to AWS APIs through interface endpoints' });
      this.egress(plane, 's3', { port: [443, 443], protocol: 'tcp', peer: { prefixListId: s3PrefixListId }, reason: 'HTTPS to S3 through the gateway endpoint' });
      this.ingress('endpoints', `from-${plane}`, { port: [443, 443], protocol: 'tcp', peer: { securityGroupId: this.id(plane) }, reason: `HTTPS from the ${plane} plane to AWS APIs` });
      if (internetEgress && plane !== AIR_GAPPED_PLANE) {
        this.egress(plane, 'internet', { port: [443, 443], protocol: 'tcp', peer: { cidr: '0.0.0.0/0' }, reason: 'HTTPS to the internet through NAT (packages, images)' });
      }
    }
  }
}

function ruleArgs(rule: SgRule): {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  description: string;
  referencedSecurityGroupId?: string;
  cidrIpv4?: string;
  prefixListId?: string;
} {
  const ports = rule.port === 'all' || rule.protocol === 'all' ? {} : { fromPort: rule.port[0], toPort: rule.port[1] };
  const peer = rule.peer;
  return {
    ipProtocol: rule.protocol === 'all' ? '-1' : rule.protocol,
    ...ports,
    description: rule.reason,
    ...('securityGroupId' in peer ? { referencedSecurityGroupId: peer.securityGroupId } : {}),
    ...('cidr' in peer ? { cidrIpv4: peer.cidr } : {}),
    ...('prefixListId' in peer ? { prefixListId: peer.prefixListId } : {}),
  };
}
