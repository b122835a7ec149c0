import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeInstanceTemplateNetworkInterface } from '@cdktf/provider-google/lib/compute-instance-template';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { Construct } from 'constructs';
import { formatCidr, parseCidr, subBlock } from '../core/cidr';
import { AiraError, ErrorCodes } from '../core/errors';
import { Fabric } from '../core/catalog/types';
import { gcpName } from '../core/naming';
import { subnetLogConfig } from './network-flow-logs';

/**
 * MTU of the GPU NIC networks: 8244 for GPUDirect-TCPX/TCPXO (cloud.google.com/compute/docs/gpus/gpudirect,
 * "create VPC networks"), 8896 for A3 Ultra's gVNIC and RDMA networks (cloud.google.com/ai-hypercomputer/docs/create/create-vm).
 */
export const GPU_NIC_MTU = { tcpx: 8244, rdma: 8896 } as const;
/** Bits the fabric block is split by for GPU NIC subnets: 32 blocks, of which a pool uses at most 9. */
const NIC_SUBNET_BITS = 5;

/** Props of `GpuNicNetworks`. */
export interface GpuNicNetworksProps {
  readonly project: string;
  readonly region: string;
  /** Zone of the pool: the RDMA network profile is zonal. */
  readonly zone: string;
  readonly namePrefix: string;
  /** The network's fabric block, which the GPU NIC subnets are carved from. */
  readonly fabricCidr: string;
  readonly fabric: Fabric;
  /** GPU NICs of the SKU. */
  readonly gpuNics: number;
  /** Network tag of the pool's nodes: the firewall admits only them. */
  readonly poolTag: string;
}

/**
 * The extra networks that GPUDirect needs, dedicated to one pool:
 * - A3 High (GPUDirect-TCPX, 4 GPU NICs) and A3 Mega (GPUDirect-TCPXO, 8 GPU NICs): each GPU NIC in a VPC
 *   network of its own, one subnet each, MTU 8244, gVNIC (cloud.google.com/compute/docs/gpus/gpudirect).
 * - A3 Ultra (GPUDirect RDMA): a second gVNIC in its own VPC, and the 8 CX-7 NICs (`MRDMA`) in one VPC
 *   with the zone's RoCE network profile, one subnet per NIC (cloud.google.com/vpc/docs/rdma-network-profiles).
 *
 * Subnets come from the segmented network's fabric block, which the network reserves for this and uses
 * for nothing else; the GPU networks are not peered with anything and have no routes out, so every pool
 * can use the same blocks without clashing. Each network gets a logged deny of all ingress and egress
 * and an allow of all protocols from and to its own subnet, for the pool's tag only: GPU traffic flows
 * between the pool's nodes and nowhere else. The RDMA network takes no firewall rules (RoCE VPCs do not
 * support VPC firewall rules; its only endpoints are the pool's MRDMA NICs).
 */
export class GpuNicNetworks extends Construct {
  /** Network interfaces after nic0, in order. */
  public readonly interfaces: ComputeInstanceTemplateNetworkInterface[] = [];
  /** Subnet ranges of the GPU NICs, in NIC order. */
  public readonly ranges: string[] = [];

  constructor(scope: Construct, id: string, private readonly props: GpuNicNetworksProps) {
    super(scope, id);
    const fabric = parseCidr(props.fabricCidr, this.node.path);
    const prefix = fabric.prefix + NIC_SUBNET_BITS;
    // Google subnets go down to /29 (cloud.google.com/vpc/docs/subnets#valid-ranges).
    if (prefix > 29) {
      throw new AiraError(ErrorCodes.CIDR_TOO_SMALL, this.node.path, `the fabric block ${props.fabricCidr} leaves /${prefix} subnets for the GPU NICs, below Google's /29 minimum`, 'use a network base block of /21 or larger');
    }
    const block = (i: number) => formatCidr(subBlock(fabric, prefix, i));
    if (props.fabric === 'gpudirect-rdma') {
      const gvnic = this.network('gvnic1', GPU_NIC_MTU.rdma);
      this.firewall('gvnic1', gvnic, block(props.gpuNics));
      this.interfaces.push({ subnetwork: this.subnet('gvnic1', gvnic, block(props.gpuNics)).selfLink, nicType: 'GVNIC', stackType: 'IPV4_ONLY' });
      const rdma = this.network('rdma', GPU_NIC_MTU.rdma, `projects/${props.project}/global/networkProfiles/${props.zone}-vpc-roce`);
      for (let i = 0; i < props.gpuNics; i++) {
        const subnet = this.subnet(`rdma-${i}`, rdma, block(i), false);
        this.ranges.push(block(i));
        this.interfaces.push({ subnetwork: subnet.selfLink, nicType: 'MRDMA', stackType: 'IPV4_ONLY' });
      }
      return;
    }
    for (let i = 0; i < props.gpuNics; i++) {
      const net = this.network(`gpu-${i}`, GPU_NIC_MTU.tcpx);
      const subnet = this.subnet(`gpu-${i}`, net, block(i));
      this.firewall(`gpu-${i}`, net, block(i));
      this.ranges.push(block(i));
      this.interfaces.push({ subnetwork: subnet.selfLink, nicType: 'GVNIC', stackType: 'IPV4_ONLY' });
    }
  }

  private network(name: string, mtu: number, networkProfile?: string): ComputeNetwork {
    return new ComputeNetwork(this, `net-${name}`, {
      project: this.props.project,
      name: gcpName(this.props.namePrefix, name),
      description: `GPUDirect network ${name} of pool ${this.props.namePrefix}: pool-internal only`,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      // No default route: GPU NICs never reach the internet.
      deleteDefaultRoutesOnCreate: true,
      mtu,
      ...(networkProfile ? { networkProfile } : {}),
    });
  }

  /**
   * A GPU NIC subnet. Flow logs on, every flow sampled as on the segmented network's subnets, so the
   * pool's GPU traffic is on record too (policy AIRA-LOG-001); they land in Cloud Logging's `_Default`
   * bucket, as the network's log sink routes its own subnetworks only. The RoCE network's subnets are
   * left without: this library has no confirmation that VPC Flow Logs apply to RDMA network profiles
   * (cloud.google.com/vpc/docs/rdma-network-profiles lists the profile's features), and AIRA-LOG-001
   * reports them rather than assume either way.
   */
  private subnet(name: string, network: ComputeNetwork, cidr: string, flowLogs = true): ComputeSubnetwork {
    return new ComputeSubnetwork(this, `subnet-${name}`, {
      project: this.props.project,
      name: gcpName(this.props.namePrefix, name),
      network: network.id,
      region: this.props.region,
      ipCidrRange: cidr,
      stackType: 'IPV4_ONLY',
      ...(flowLogs ? { logConfig: subnetLogConfig(1.0, this.node.path) } : {}),
    });
  }

  private firewall(name: string, network: ComputeNetwork, cidr: string): void {
    const tag = [this.props.poolTag];
    const all = [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }];
    const rule = (id: string, cfg: Omit<ConstructorParameters<typeof ComputeFirewall>[2], 'network' | 'project' | 'logConfig'>) =>
      new ComputeFirewall(this, `${name}-${id}`, { ...cfg, project: this.props.project, network: network.id, logConfig: { metadata: 'INCLUDE_ALL_METADATA' } });
    rule('allow-pool-in', {
      name: gcpName(this.props.namePrefix, name, 'allow-pool-in'),
      description: 'GPUDirect traffic between the pool nodes only',
      direction: 'INGRESS',
      priority: 1000,
      sourceRanges: [cidr],
      targetTags: tag,
      allow: all,
    });
    rule('allow-pool-out', {
      name: gcpName(this.props.namePrefix, name, 'allow-pool-out'),
      description: 'GPUDirect traffic between the pool nodes only',
      direction: 'EGRESS',
      priority: 1000,
      destinationRanges: [cidr],
      targetTags: tag,
      allow: all,
    });
    rule('deny-in', { name: gcpName(this.props.namePrefix, name, 'deny-in'), description: 'Nothing else reaches a GPU NIC', direction: 'INGRESS', priority: 65534, sourceRanges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }] });
    rule('deny-out', { name: gcpName(this.props.namePrefix, name, 'deny-out'), description: 'A GPU NIC sends nowhere else', direction: 'EGRESS', priority: 65534, destinationRanges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }] });
  }
}
