import { AutoscalingAttachment } from '@cdktf/provider-aws/lib/autoscaling-attachment';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { planInternalLoadBalancer } from '../core/load-balancer-plan';
import { IInternalLoadBalancer } from '../core/kit';
import { namePrefix, shortHash } from '../core/naming';
import { Plane } from '../core/planes';
import { AiraTags } from '../core/tagging';
import { IAwsNetwork } from './network-types';
import { AcceleratorPool } from './pool';

/** Props of the AWS `InternalLoadBalancer`. */
export interface InternalLoadBalancerProps {
  readonly network: IAwsNetwork;
  /** The pool whose Auto Scaling group registers its nodes as targets. */
  readonly pool: AcceleratorPool;
  /** Plane of the load balancer's subnets and security group. @default the pool's plane */
  readonly plane?: Plane;
  /** TCP port of the listener and of the nodes (TLS passes through to the nodes). */
  readonly port: number;
  /** Zones the load balancer has a node in, at least two. @default the pool's zones */
  readonly zones?: readonly string[];
  /** TCP port the health check probes. @default `port` */
  readonly healthCheckPort?: number;
  /** Prefix of resource names (at most 30 characters). @default the construct id */
  readonly name?: string;
  /**
   * Seconds a deregistering node keeps its open connections (model responses can stream for minutes).
   * @default 300
   */
  readonly deregistrationDelaySeconds?: number;
}

/** Elastic Load Balancing names: at most 32 letters, digits and hyphens (docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html). */
function elbName(base: string): string {
  if (base.length <= 32) return base;
  return `${base.slice(0, 25).replace(/-+$/, '')}-${shortHash(base)}`;
}


/**
 * A private endpoint in front of a pool on AWS: an internal Network Load Balancer with one node in each
 * zone's subnet of the plane, cross-zone load balancing on (a zone whose nodes are all busy or gone
 * still gets served by the others), a TCP listener that passes TLS through to the nodes (the model
 * servers terminate it, so traffic is encrypted end to end), and a target group the pool's Auto Scaling
 * group registers its instances in (`aws_autoscaling_attachment`, so nodes that scale in and out join
 * and leave by themselves).
 *
 * Security: the load balancer is `internal` (private addresses only) and carries the plane's security
 * group, so the flows declared to the plane govern who reaches it. Targets see the client's address,
 * and their security group lets the load balancer's group (the same plane group) in on the port and the
 * health check port only: two rules scoped to the group itself, since a plane's group otherwise denies
 * traffic among its own members (docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html).
 * Deletion protection is on, so a `terraform destroy` or a replacement cannot drop the endpoint unnoticed.
 *
 * @example
 * new InternalLoadBalancer(stack, 'serve', { network, pool: inference, port: 443 });
 */
export class InternalLoadBalancer extends Construct implements IInternalLoadBalancer {
  public readonly cloud = 'aws' as const;
  /** DNS name of the load balancer (resolves to private addresses in its subnets). */
  public readonly address: string;
  public readonly port: number;
  public readonly zones: readonly string[];
  public readonly loadBalancer: Lb;
  public readonly targetGroup: LbTargetGroup;
  public readonly listener: LbListener;

  constructor(scope: Construct, id: string, props: InternalLoadBalancerProps) {
    super(scope, id);
    const where = this.node.path;
    const { network, pool } = props;
    if (!(pool instanceof AcceleratorPool)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, 'the pool is not an AWS AcceleratorPool', 'create the pool with the AWS kit or aira-constructs/aws');
    }
    const prefix = namePrefix(props.name, id, where);
    const { plane, port, healthPort, zones } = planInternalLoadBalancer(props, where);
    const delay = props.deregistrationDelaySeconds ?? 300;
    // Target groups take 0 to 3600 seconds (docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html#deregistration-delay).
    if (!Number.isInteger(delay) || delay < 0 || delay > 3600) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `deregistrationDelaySeconds ${String(delay)} is not a whole number from 0 to 3600`, 'for example 300');
    }
    AiraTags.of(this).add({ plane });
    this.port = port;
    this.zones = zones;

    const sg = network.securityGroupId(plane);
    const lbName = elbName(`${prefix}-nlb`);
    this.loadBalancer = new Lb(this, 'nlb', {
      name: lbName,
      loadBalancerType: 'network',
      internal: true,
      ipAddressType: 'ipv4',
      subnets: zones.map((z) => network.subnetId(plane, z)),
      securityGroups: [sg],
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: true,
      tags: { Name: lbName },
    });
    this.targetGroup = new LbTargetGroup(this, 'targets', {
      name: elbName(`${prefix}-tg`),
      vpcId: network.vpcId,
      targetType: 'instance',
      protocol: 'TCP',
      port,
      deregistrationDelay: String(delay),
      // Drop open connections once the delay is over, so a scale-in does not wait on idle clients.
      connectionTermination: true,
      healthCheck: { enabled: true, protocol: 'TCP', port: String(healthPort), interval: 10, healthyThreshold: 3, unhealthyThreshold: 3 },
      tags: { Name: elbName(`${prefix}-tg`) },
    });
    this.listener = new LbListener(this, 'listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port,
      protocol: 'TCP',
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
    });
    new AutoscalingAttachment(this, 'attachment', {
      autoscalingGroupName: pool.scaling.group.name,
      lbTargetGroupArn: this.targetGroup.arn,
    });
    // The plane's group denies traffic among its members; let the load balancer (a member) reach the
    // nodes (members) on the serving and health check ports only.
    for (const p of [...new Set([port, healthPort])]) {
      const reason = `internal load balancer ${prefix} to its ${plane} nodes on ${p}`;
      new VpcSecurityGroupIngressRule(this, `nodes-in-${p}`, { securityGroupId: sg, referencedSecurityGroupId: sg, ipProtocol: 'tcp', fromPort: p, toPort: p, description: reason });
      new VpcSecurityGroupEgressRule(this, `lb-out-${p}`, { securityGroupId: sg, referencedSecurityGroupId: sg, ipProtocol: 'tcp', fromPort: p, toPort: p, description: reason });
    }
    this.address = this.loadBalancer.dnsName;
  }
}
