import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { awsName, namePrefix } from '../core/naming';
import { AiraTags } from '../core/tagging';
import { IVpnLinkEnd, VpnLinkEndOptions, tunnelEnds } from '../core/vpn';

/** What the AWS end of a link needs from the AWS gateway: its id (read across stacks). */
export interface AwsVpnGatewayRef {
  readonly cloud: 'aws';
  readonly asn: number;
  /** Id of the virtual private gateway. */
  readonly vpnGatewayId: string;
}

/** Props of `AwsVpnLinkEnd`. */
export interface AwsVpnLinkEndProps extends Omit<VpnLinkEndOptions, 'gateway'> {
  readonly gateway: AwsVpnGatewayRef;
}

/**
 * IKE and IPsec proposals of every AWS tunnel: IKEv2 only and one cipher per role, which Azure's
 * connection policy (lib/azure/vpn-link.ts) and Google Cloud VPN both accept
 * (cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers recommends one cipher
 * per role so the choice never changes on rekey). AWS's defaults also offer SHA-1 and DH groups 2 and 5.
 * Values: docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html.
 */
export const AWS_TUNNEL_CRYPTO = {
  ikeVersions: ['ikev2'],
  phase1EncryptionAlgorithms: ['AES256'],
  phase1IntegrityAlgorithms: ['SHA2-256'],
  phase1DhGroupNumbers: [14],
  phase2EncryptionAlgorithms: ['AES256'],
  phase2IntegrityAlgorithms: ['SHA2-256'],
  phase2DhGroupNumbers: [14],
} as const;

/**
 * The AWS half of a link to another cloud, in the interconnect stack: one customer gateway per peer
 * interface (its public address, the peer's ASN) and one VPN connection to it from the virtual private
 * gateway, with both tunnels' inside /30s from the plan, BGP (no static routes), IKEv2 and the link's
 * pre-shared key (a sensitive variable's reference). Each connection's two tunnel endpoints are the
 * public addresses the peer dials (`localAddresses`).
 *
 * Arguments: registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/customer_gateway
 * (`bgp_asn`, `ip_address`, `type`) and .../vpn_connection (`vpn_gateway_id`, `customer_gateway_id`,
 * `static_routes_only`, `tunnel1_inside_cidr`, `tunnel1_preshared_key`, `tunnel1_ike_versions`,
 * `tunnel1_phase1_*`, `tunnel1_phase2_*`, and the same for tunnel 2; attributes `tunnel1_address`,
 * `tunnel2_address`).
 */
export class AwsVpnLinkEnd extends Construct implements IVpnLinkEnd {
  public readonly cloud = 'aws' as const;
  public readonly localAddresses: readonly string[];
  /** The VPN connections, one per peer interface. */
  public readonly connections: readonly VpnConnection[];

  constructor(scope: Construct, id: string, props: AwsVpnLinkEndProps) {
    super(scope, id);
    const where = this.node.path;
    const { link, side } = props;
    if ((side === 'a' ? link.a : link.b) !== 'aws') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the AWS end of link ${link.key} is built on side ${side}, which is ${side === 'a' ? link.a : link.b}`, 'build the AWS end on the side the link plan gives AWS');
    }
    const prefix = namePrefix(props.name, id, where);
    const peerAsn = side === 'a' ? link.asnB : link.asnA;
    // Tunnels by AWS connection: a connection has exactly two, tunnel 1 and tunnel 2 (slots 0 and 1).
    const byConnection = new Map<number, Array<{ index: number; slot: number; insideCidr: string }>>();
    for (const t of link.tunnels) {
      const { local } = tunnelEnds(t, side);
      byConnection.set(local.interface, [...(byConnection.get(local.interface) ?? []), { index: t.index, slot: local.slot, insideCidr: t.insideCidr }]);
    }
    const addresses: string[] = new Array<string>(link.tunnels.length);
    const connections: VpnConnection[] = [];
    for (const [j, tunnels] of [...byConnection.entries()].sort((x, y) => x[0] - y[0])) {
      const [t1, t2] = [...tunnels].sort((x, y) => x.slot - y.slot);
      if (!t1 || !t2 || tunnels.length !== 2) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `link ${link.key} gives AWS connection ${j} ${tunnels.length} tunnel(s); an AWS VPN connection has two`, 'plan the link with planVpn');
      }
      const peer = props.peerAddresses[t1.index];
      const cgw = new CustomerGateway(this, `cgw-${j}`, { bgpAsn: String(peerAsn), ipAddress: peer, type: 'ipsec.1', tags: { Name: awsName(prefix, `${link.key}-peer-${j}`) } });
      const c = AWS_TUNNEL_CRYPTO;
      const conn = new VpnConnection(this, `connection-${j}`, {
        vpnGatewayId: props.gateway.vpnGatewayId,
        customerGatewayId: cgw.id,
        type: 'ipsec.1',
        staticRoutesOnly: false,
        tunnel1InsideCidr: t1.insideCidr,
        tunnel1PresharedKey: props.sharedKey,
        tunnel1IkeVersions: [...c.ikeVersions],
        tunnel1Phase1EncryptionAlgorithms: [...c.phase1EncryptionAlgorithms],
        tunnel1Phase1IntegrityAlgorithms: [...c.phase1IntegrityAlgorithms],
        tunnel1Phase1DhGroupNumbers: [...c.phase1DhGroupNumbers],
        tunnel1Phase2EncryptionAlgorithms: [...c.phase2EncryptionAlgorithms],
        tunnel1Phase2IntegrityAlgorithms: [...c.phase2IntegrityAlgorithms],
        tunnel1Phase2DhGroupNumbers: [...c.phase2DhGroupNumbers],
        tunnel2InsideCidr: t2.insideCidr,
        tunnel2PresharedKey: props.sharedKey,
        tunnel2IkeVersions: [...c.ikeVersions],
        tunnel2Phase1EncryptionAlgorithms: [...c.phase1EncryptionAlgorithms],
        tunnel2Phase1IntegrityAlgorithms: [...c.phase1IntegrityAlgorithms],
        tunnel2Phase1DhGroupNumbers: [...c.phase1DhGroupNumbers],
        tunnel2Phase2EncryptionAlgorithms: [...c.phase2EncryptionAlgorithms],
        tunnel2Phase2IntegrityAlgorithms: [...c.phase2IntegrityAlgorithms],
        tunnel2Phase2DhGroupNumbers: [...c.phase2DhGroupNumbers],
        tags: { Name: awsName(prefix, `${link.key}-${j}`) },
      });
      addresses[t1.index] = conn.tunnel1Address;
      addresses[t2.index] = conn.tunnel2Address;
      connections.push(conn);
    }
    this.localAddresses = addresses;
    this.connections = connections;
    AiraTags.of(this).add({ plane: 'shared' });
  }
}
