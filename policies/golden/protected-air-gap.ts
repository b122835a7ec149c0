import { blocks, boolAt, fail, listAt, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { GCP_AIR_GAP_TYPES, gcpAirGap } from './air-gap-gcp';
import { planeOf, referencedVia } from './planes';

const PROTECTED = 'protected';

// Route targets that reach the internet: an internet gateway (or egress-only gateway for IPv6) and a
// NAT gateway (aws_route arguments, hashicorp/aws registry docs). `gateway_id` also takes virtual
// private gateways (vgw-...), which are private: only an internet gateway reference or igw- id counts.
function awsRoute(r: ResourceView, ctx: RuleContext): Verdict {
  const tables = referencedVia(r, ctx, 'aws_route_table', 'route_table_id');
  if (!tables.some((t) => planeOf(t) === PROTECTED)) return notApplicable('not a route of a protected-plane route table');
  if (referencedVia(r, ctx, 'aws_nat_gateway', 'nat_gateway_id').length) return fail('routes the protected plane to a NAT gateway: the air gap is broken', 'nat_gateway_id');
  if (referencedVia(r, ctx, 'aws_internet_gateway', 'gateway_id').length) return fail('routes the protected plane to an internet gateway: the air gap is broken', 'gateway_id');
  if (referencedVia(r, ctx, 'aws_egress_only_internet_gateway', 'egress_only_gateway_id').length) return fail('routes the protected plane to an egress-only internet gateway', 'egress_only_gateway_id');
  for (const [attr, prefix] of [['gateway_id', 'igw-'], ['nat_gateway_id', 'nat-'], ['egress_only_gateway_id', 'eigw-']] as const) {
    const v = stringAt(r, [attr]);
    if (typeof v === 'string' && v.startsWith(prefix)) return fail(`routes the protected plane to ${v}: the air gap is broken`, attr);
  }
  const other = otherNetworkPath(r, ctx);
  if (other) return other;
  return pass('a protected-plane route to no internet gateway, NAT, VPN gateway, transit gateway or peering');
}

// Paths from a protected route table to other networks: a virtual private gateway (site-to-site VPN,
// Direct Connect), a transit gateway or a VPC peering (aws_route arguments gateway_id, transit_gateway_id,
// vpc_peering_connection_id: registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route).
// Golden rule 3 lets the protected plane reach another network only where that path is declared: a
// suppression with its reason.
const OTHER_NETWORK_TARGETS = [
  { attr: 'gateway_id', type: 'aws_vpn_gateway', prefix: 'vgw-', what: 'a VPN gateway' },
  { attr: 'transit_gateway_id', type: 'aws_ec2_transit_gateway', prefix: 'tgw-', what: 'a transit gateway' },
  { attr: 'vpc_peering_connection_id', type: 'aws_vpc_peering_connection', prefix: 'pcx-', what: 'a VPC peering' },
] as const;

function otherNetworkPath(r: ResourceView, ctx: RuleContext): Verdict | undefined {
  for (const t of OTHER_NETWORK_TARGETS) {
    const v = stringAt(r, [t.attr]);
    if (referencedVia(r, ctx, t.type, t.attr).length || (typeof v === 'string' && v.startsWith(t.prefix))) {
      return fail(`routes the protected plane to ${t.what}: other networks reach it, which the air gap allows only where declared (a suppression with its reason)`, t.attr);
    }
  }
  return undefined;
}

/** AWS: a VPN gateway propagating its routes into a protected route table, or a protected table that lists one. */
function awsPropagation(r: ResourceView, ctx: RuleContext): Verdict {
  if (r.type === 'aws_vpn_gateway_route_propagation') {
    const tables = referencedVia(r, ctx, 'aws_route_table', 'route_table_id');
    if (!tables.length && r.isUnknown('route_table_id')) return unknown('route_table_id is known only after apply', 'route_table_id');
    return tables.some((t) => planeOf(t) === PROTECTED)
      ? fail('propagates VPN routes into a protected-plane route table: other networks reach the protected plane', 'route_table_id')
      : notApplicable('propagates into no protected-plane route table');
  }
  if (planeOf(r) !== PROTECTED) return notApplicable('not a protected-plane route table');
  const vgws = listAt(r, ['propagating_vgws']);
  if (vgws === UNKNOWN) return unknown('propagating_vgws is known only after apply', 'propagating_vgws');
  if (vgws.length) return fail('the protected route table propagates routes from a VPN gateway (propagating_vgws)', 'propagating_vgws');
  return pass('no VPN gateway propagates into the protected route table');
}

/** Azure: a route on a protected route table whose next hop is the Internet. */
function azureNextHop(r: ResourceView, path: readonly (string | number)[]): Verdict {
  const hop = stringAt(r, [...path, 'next_hop_type']);
  if (hop === UNKNOWN) return unknown('next_hop_type is known only after apply', [...path, 'next_hop_type']);
  if (typeof hop === 'string' && hop.toLowerCase() === 'internet') return fail('routes the protected plane to the Internet next hop: the air gap is broken', [...path, 'next_hop_type']);
  return pass(`next hop ${hop ?? 'unset'}`);
}

function check(r: ResourceView, ctx: RuleContext): Verdict {
  switch (r.type) {
    case 'aws_route':
      return awsRoute(r, ctx);
    case 'azurerm_route': {
      const tables = referencedVia(r, ctx, 'azurerm_route_table', 'route_table_name');
      if (!tables.some((t) => planeOf(t) === PROTECTED)) return notApplicable('not a route of a protected-plane route table');
      return azureNextHop(r, []);
    }
    case 'aws_vpn_gateway_route_propagation':
    case 'aws_route_table':
      return awsPropagation(r, ctx);
    case 'azurerm_route_table': {
      if (planeOf(r) !== PROTECTED) return notApplicable('not a protected-plane route table');
      // A virtual network gateway (site-to-site VPN, ExpressRoute) teaches its BGP routes to every
      // subnet whose route table allows propagation (bgp_route_propagation_enabled, azurerm 4.x;
      // learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#border-gateway-protocol).
      // azurerm 3.x spelled it the other way round: disable_bgp_route_propagation.
      const disabled = boolAt(r, ['disable_bgp_route_propagation']);
      const bgp = boolAt(r, ['bgp_route_propagation_enabled']) ?? (typeof disabled === 'boolean' ? !disabled : disabled);
      if (bgp === UNKNOWN) return unknown('bgp_route_propagation_enabled is known only after apply', 'bgp_route_propagation_enabled');
      if (bgp !== false) return fail('the protected route table takes gateway (BGP) routes: a VPN or ExpressRoute gateway would reach the protected plane; set bgp_route_propagation_enabled = false', 'bgp_route_propagation_enabled');
      const routes = blocks(r, ['route']);
      if (routes === UNKNOWN) return unknown('the inline routes are known only after apply', 'route');
      for (const p of routes) {
        const v = azureNextHop(r, p);
        if (v.status !== 'pass') return v;
      }
      return pass('no inline route to the Internet');
    }
    case 'aws_eip_association':
    case 'aws_eip': {
      // An Elastic IP attached to a protected-plane instance or interface gives it a public address.
      const protectedTarget = [...referencedVia(r, ctx, 'aws_instance', 'instance'), ...referencedVia(r, ctx, 'aws_instance', 'instance_id'), ...referencedVia(r, ctx, 'aws_network_interface', 'network_interface'), ...referencedVia(r, ctx, 'aws_network_interface', 'network_interface_id')].some((t) => planeOf(t) === PROTECTED);
      return protectedTarget ? fail('attaches a public IP to a protected-plane resource', r.type === 'aws_eip' ? 'instance' : 'instance_id') : notApplicable('not attached to a protected-plane resource');
    }
    default:
      return r.type.startsWith('google_') ? gcpAirGap(r, ctx) : notApplicable('not a route');
  }
}

/** Golden rule 3: nothing on the protected plane routes to the internet or holds a public IP. */
export const protectedAirGap: Rule = {
  id: 'AIRA-GLD-003',
  title: 'The protected plane has no route to the internet and no public IP',
  severity: 'critical',
  rationale:
    'Protected workloads (regulated data, model weights under export control) sit behind a logical air gap: their route table has no path to an internet gateway, NAT or the Internet next hop, and nothing on them holds a public address. ' +
    'AWS and Azure: the rule reads route tables tagged aira:plane = protected and Elastic IPs on protected-plane instances; other networks reaching the plane fail too unless declared: ' +
    'on AWS a route to a VPN gateway, transit gateway or VPC peering, a VPN gateway propagating into the protected table; on Azure a protected route table that takes gateway (BGP) routes. ' +
    'Google (the protected plane is the subnetwork and network tag `<network>-protected`): a route to the default internet gateway tagged for the protected plane, or untagged on its network; ' +
    'Cloud NAT listing the protected subnetwork or covering all subnetworks of its network; an external IP (IPv4 or IPv6 access config) on a template or instance of the protected plane, or a tag of it that another internet route serves; ' +
    'external IPv6 on the protected subnetwork; a VPC peering of the network that holds it; a Private Service Connect endpoint on it reaching a service not published from the protected plane. ' +
    'A peering or endpoint that is the intended path is declared with a suppression and its reason. What a plan cannot show: routes, peerings and NAT of a Shared VPC host project or of other stacks, ' +
    'routes through appliances (next hop instance or IP), hierarchical firewall policies, and the organization policy constraints/compute.vmExternalIpAccess.',
  remediation:
    'Remove the route to the internet gateway, NAT gateway or Internet next hop from the protected route table, and the public IP from the protected resource; reach cloud APIs through private endpoints. ' +
    'On Google, tag internet routes for the other planes only, leave the protected subnetwork out of Cloud NAT, give protected instances no access_config, and keep the protected plane out of peerings and endpoints to other planes.',
  resourceTypes: ['aws_route', 'aws_route_table', 'aws_vpn_gateway_route_propagation', 'azurerm_route', 'azurerm_route_table', 'aws_eip', 'aws_eip_association', ...GCP_AIR_GAP_TYPES],
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
    hipaa: ['164.312(e)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: [],
  docs: [
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route',
    'https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview',
    'https://cloud.google.com/vpc/docs/routes#instance_tags',
    'https://cloud.google.com/nat/docs/overview',
  ],
  check,
};
