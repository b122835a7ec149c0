import { LaunchTemplateNetworkInterfaces } from '@cdktf/provider-aws/lib/launch-template';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** Interface type of the network cards after the first. */
export type SecondaryEfaType = 'efa' | 'efa-only';

/**
 * The network interfaces of a pool's launch template.
 *
 * Without a fabric: one ENA interface on card 0. With EFA: one EFA interface per network card, as AWS
 * recommends for instance types with several cards (docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-acc-inst-types.html):
 * card 0 device index 0 is an EFA with ENA (an EFA-only interface cannot be primary); every other card
 * gets device index 1 and an EFA-only interface by default, which carries RDMA traffic without using
 * an IP address of the subnet (32 addresses per p5.48xlarge node otherwise).
 *
 * No interface gets a public address. Subnets are left out: the scaling group places each instance in
 * one of its subnets.
 *
 * @param networkCards network cards of the instance type (from the catalog)
 */
export function networkInterfaces(networkCards: number, efa: boolean, securityGroups: string[], secondary: SecondaryEfaType = 'efa-only'): LaunchTemplateNetworkInterfaces[] {
  const base = { associatePublicIpAddress: 'false', deleteOnTermination: 'true', securityGroups };
  if (!efa) return [{ ...base, networkCardIndex: 0, deviceIndex: 0 }];
  return Array.from({ length: Math.max(1, networkCards) }, (_, card) => ({
    ...base,
    networkCardIndex: card,
    deviceIndex: card === 0 ? 0 : 1,
    interfaceType: card === 0 ? 'efa' : secondary,
    description: `EFA on network card ${card}`,
  }));
}

/** Props of `EfaSecurityGroup`. */
export interface EfaSecurityGroupProps {
  readonly vpcId: string;
  readonly name: string;
}

/**
 * The security group EFA needs: all traffic to and from members of the group itself, and nothing else
 * (docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-start.html, "Prepare an EFA-enabled security
 * group"). EFA's SRD transport is not IP traffic, so only a self-reference admits it; it sits beside
 * the plane's group, which keeps governing everything else.
 */
export class EfaSecurityGroup extends Construct {
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: EfaSecurityGroupProps) {
    super(scope, id);
    const sg = new SecurityGroup(this, 'sg', {
      name: props.name,
      description: 'EFA: all traffic between the nodes of this pool only',
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.securityGroupId = sg.id;
    const rule = { securityGroupId: sg.id, referencedSecurityGroupId: sg.id, ipProtocol: '-1', description: 'EFA traffic between the nodes of the pool' };
    new VpcSecurityGroupIngressRule(this, 'self-in', rule);
    new VpcSecurityGroupEgressRule(this, 'self-out', rule);
  }
}
