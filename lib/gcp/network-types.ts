import { INetwork } from '../core/network';
import { Plane } from '../core/planes';

/**
 * What Google Cloud constructs need from a segmented network. Subnetworks are regional on Google, so a
 * plane has one subnetwork for all its zones; firewall rules select instances by network tag, so
 * anything placed on a plane must carry `networkTag(plane)`.
 */
export interface IGcpNetwork extends INetwork {
  readonly cloud: 'gcp';
  /** Project that holds the network. */
  readonly project: string;
  /** Id of the network (`projects/<project>/global/networks/<name>`). */
  readonly networkId: string;
  /** Name of the network. */
  readonly networkName: string;
  /** Self link of the network (what instance templates and node pools take). */
  readonly networkSelfLink: string;
  /**
   * Block reserved for the extra GPU NIC networks (GPUDirect-TCPX/TCPXO) that accelerator pools build;
   * nothing in the network itself uses it.
   */
  readonly fabricCidr: string;
  /** Self link of a plane's regional subnetwork. */
  subnetSelfLink(plane: Plane): string;
  /** Id of a plane's regional subnetwork (`projects/<project>/regions/<region>/subnetworks/<name>`). */
  subnetId(plane: Plane): string;
  /** Network tag of a plane: the only way firewall rules and routes select the plane's instances. */
  networkTag(plane: Plane): string;
}
