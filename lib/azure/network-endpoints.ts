import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Construct } from 'constructs';
import { azureName } from '../core/naming';
import { AzurePrivateDnsZone, PRIVATE_DNS_ZONES } from './network-types';

/** Props of `PrivateDnsZones`. */
export interface PrivateDnsZonesProps {
  readonly resourceGroupName: string;
  readonly namePrefix: string;
  readonly vnetId: string;
}

/**
 * The private DNS zones of Blob storage, Data Lake and Key Vault private endpoints, each linked to the
 * VNet (no auto-registration: only private endpoints write records there). The storage and key
 * constructs add private endpoints on the data plane whose DNS zone groups point at these zones; until
 * then the planes reach both services over their subnets' service endpoints.
 */
export class PrivateDnsZones extends Construct {
  private readonly zones = new Map<AzurePrivateDnsZone, PrivateDnsZone>();

  constructor(scope: Construct, id: string, props: PrivateDnsZonesProps) {
    super(scope, id);
    for (const [key, zoneName] of Object.entries(PRIVATE_DNS_ZONES) as Array<[AzurePrivateDnsZone, string]>) {
      const zone = new PrivateDnsZone(this, key, { name: zoneName, resourceGroupName: props.resourceGroupName });
      new PrivateDnsZoneVirtualNetworkLink(this, `${key}-link`, {
        name: azureName(props.namePrefix, key),
        resourceGroupName: props.resourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: props.vnetId,
        registrationEnabled: false,
      });
      this.zones.set(key, zone);
    }
  }

  /** Resource id of a zone. */
  public id(zone: AzurePrivateDnsZone): string {
    return this.zones.get(zone)!.id;
  }
}
