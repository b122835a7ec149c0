import { ComputeRoute } from '@cdktf/provider-google/lib/compute-route';
import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { Construct } from 'constructs';
import { gcpName } from '../core/naming';
import { AiraTags } from '../core/tagging';

/** Which virtual IPs of Private Google Access `*.googleapis.com` resolves to. */
export type GoogleApisVip = 'private' | 'restricted';

/** One of the two Private Google Access domains and its /30. */
export interface GoogleApiRange {
  readonly vip: GoogleApisVip;
  readonly domain: string;
  readonly cidr: string;
  readonly addresses: readonly string[];
}

/**
 * The Private Google Access virtual IPs (cloud.google.com/vpc/docs/configure-private-google-access#domain-options):
 * `private.googleapis.com` reaches most Google APIs; `restricted.googleapis.com` only those that VPC
 * Service Controls supports, so a perimeter can stop data leaving through an API.
 */
export const GOOGLE_API_RANGES: readonly GoogleApiRange[] = [
  { vip: 'private', domain: 'private.googleapis.com', cidr: '199.36.153.8/30', addresses: ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'] },
  { vip: 'restricted', domain: 'restricted.googleapis.com', cidr: '199.36.153.4/30', addresses: ['199.36.153.4', '199.36.153.5', '199.36.153.6', '199.36.153.7'] },
];

/** Props of `PrivateGoogleAccess`. */
export interface PrivateGoogleAccessProps {
  /** Id of the network. */
  readonly networkId: string;
  /** Prefix of the resource names. */
  readonly namePrefix: string;
  /** The VIP that `*.googleapis.com` points to. */
  readonly vip: GoogleApisVip;
}

/**
 * Private Google Access for a network whose default route was deleted: Cloud Storage, Cloud KMS and
 * every other Google API over Google's network, with no internet route, from every plane (the
 * protected one included).
 *
 * - Routes for both /30s to the default internet gateway, which for these ranges stays inside
 *   Google's network. Google requires them when the default route is gone
 *   (cloud.google.com/vpc/docs/configure-private-google-access#config-routing). They carry no network
 *   tag, so they apply to every instance; the protected plane's firewall still only lets HTTPS out.
 * - A private DNS zone `googleapis.com.` visible to the network only: `*.googleapis.com` is a CNAME of
 *   the chosen VIP, and both VIP names have their A records
 *   (cloud.google.com/vpc/docs/configure-private-google-access#config-domain).
 *   A zone binds to a network, not to instances, so every plane resolves the same VIP: `private` by
 *   default, `restricted` when the project sits in a VPC Service Controls perimeter. A workload that
 *   wants the other VIP names it (`restricted.googleapis.com`) explicitly.
 */
export class PrivateGoogleAccess extends Construct {
  public readonly zone: DnsManagedZone;

  constructor(scope: Construct, id: string, props: PrivateGoogleAccessProps) {
    super(scope, id);
    for (const r of GOOGLE_API_RANGES) {
      new ComputeRoute(this, `route-${r.vip}`, {
        name: gcpName(props.namePrefix, r.vip, 'googleapis'),
        description: `Private Google Access: ${r.domain} stays on Google's network`,
        network: props.networkId,
        destRange: r.cidr,
        nextHopGateway: 'default-internet-gateway',
        priority: 1000,
      });
    }
    this.zone = new DnsManagedZone(this, 'zone', {
      name: gcpName(props.namePrefix, 'googleapis'),
      dnsName: 'googleapis.com.',
      description: `Private Google Access: googleapis.com resolves to ${props.vip}.googleapis.com`,
      visibility: 'private',
      privateVisibilityConfig: { networks: [{ networkUrl: props.networkId }] },
    });
    AiraTags.of(this.zone).add({ plane: 'shared' });
    const record = (rid: string, name: string, type: string, rrdatas: string[]): void => {
      new DnsRecordSet(this, rid, { managedZone: this.zone.name, name, type, ttl: 300, rrdatas });
    };
    for (const r of GOOGLE_API_RANGES) record(`a-${r.vip}`, `${r.domain}.`, 'A', [...r.addresses]);
    record('cname-wildcard', '*.googleapis.com.', 'CNAME', [`${props.vip}.googleapis.com.`]);
  }
}
