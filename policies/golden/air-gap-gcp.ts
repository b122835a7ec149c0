/**
 * Golden rule 3 on Google Cloud. The protected plane is a subnetwork (and network tag) named
 * `<network>-protected` in a network created without default routes (lib/gcp/network.ts): its way to the
 * internet would be a route to the default internet gateway that applies to its instances, Cloud NAT
 * covering its subnetwork, or an external IP; its way to other networks, a VPC peering of its network or a
 * Private Service Connect endpoint on its subnetwork.
 */
import { blocks, fail, listAt, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';
import { pathKey } from '../../lib/policy/view';
import { networkHasProtected, networkKey, subnetPlane, subnetworkPlane, toInternetGateway } from './gcp-network';
import { PROTECTED_PLANE, memoized, planeOfName, referencedVia } from './planes';

/** Resource types the Google half of the air-gap rule judges. */
export const GCP_AIR_GAP_TYPES = [
  'google_compute_route',
  'google_compute_router_nat',
  'google_compute_instance_template',
  'google_compute_region_instance_template',
  'google_compute_instance',
  'google_compute_network_peering',
  'google_compute_forwarding_rule',
  'google_compute_subnetwork',
] as const;

const isProtectedTag = (t: unknown): boolean => planeOfName(t) === PROTECTED_PLANE;

function route(r: ResourceView, ctx: RuleContext): Verdict {
  const gw = toInternetGateway(r);
  if (gw === UNKNOWN) return unknown('the next hop or destination is known only after apply', 'next_hop_gateway');
  if (!gw) return notApplicable('not a route to the internet (another next hop, or the Google API VIPs of Private Google Access)');
  const tags = listAt(r, ['tags']);
  if (tags === UNKNOWN || tags.includes(UNKNOWN)) return unknown('the route\'s network tags are known only after apply', 'tags');
  const hit = tags.find(isProtectedTag);
  if (hit) return fail(`routes instances tagged ${String(hit)} (the protected plane) to the internet gateway: the air gap is broken`, 'tags');
  if (tags.length) return pass(`an internet route for the tags ${tags.join(', ')} only, none of them the protected plane's`, 'tags');
  if (networkHasProtected(networkKey(r, ctx), ctx)) return fail('an untagged route to the internet gateway applies to every instance of the network, the protected plane\'s included', 'tags');
  return notApplicable('no protected-plane subnetwork on this route\'s network in this input');
}

function routerNat(r: ResourceView, ctx: RuleContext): Verdict {
  const router = referencedVia(r, ctx, 'google_compute_router', 'router')[0];
  const mode = stringAt(r, ['source_subnetwork_ip_ranges_to_nat']);
  if (mode === UNKNOWN) return unknown('source_subnetwork_ip_ranges_to_nat is known only after apply', 'source_subnetwork_ip_ranges_to_nat');
  if (mode === 'LIST_OF_SUBNETWORKS') {
    const list = blocks(r, ['subnetwork']);
    if (list === UNKNOWN) return unknown('the NAT\'s subnetworks are known only after apply', 'subnetwork');
    for (const b of list) {
      const plane = subnetworkPlane(r, ctx, pathKey([...b, 'name']));
      if (plane === UNKNOWN) return unknown('a NAT subnetwork is known only after apply', [...b, 'name']);
      if (plane === PROTECTED_PLANE) return fail('Cloud NAT translates the protected plane\'s subnetwork: its instances reach the internet', [...b, 'name']);
    }
    return pass('Cloud NAT covers listed subnetworks only, none of them the protected plane\'s', 'subnetwork');
  }
  // ALL_SUBNETWORKS_ALL_IP_RANGES or ALL_SUBNETWORKS_ALL_PRIMARY_IP_RANGES: every subnetwork of the router's region and network.
  if (!router) return notApplicable('the router (and so the network) of this NAT is not in this input');
  if (networkHasProtected(networkKey(router, ctx), ctx)) return fail(`Cloud NAT covers every subnetwork (${String(mode)}), the protected plane's included`, 'source_subnetwork_ip_ranges_to_nat');
  return notApplicable('no protected-plane subnetwork on this NAT\'s network in this input');
}

/** Internet routes of the input by network key, with their tags (indexed once per input). */
function internetRoutes(ctx: RuleContext): ReadonlyArray<{ readonly route: ResourceView; readonly network?: string; readonly tags: readonly string[] }> {
  return memoized(ctx, 'gcp-internet-routes', () =>
    ctx
      .ofType('google_compute_route')
      .filter((r) => toInternetGateway(r) === true)
      .map((route) => {
        const tags = listAt(route, ['tags']);
        const network = networkKey(route, ctx);
        return { route, ...(network ? { network } : {}), tags: tags === UNKNOWN ? [] : tags.filter((t): t is string => typeof t === 'string') };
      }),
  );
}

function instance(r: ResourceView, ctx: RuleContext): Verdict {
  const nics = blocks(r, ['network_interface']);
  if (nics === UNKNOWN) return unknown('the network interfaces are known only after apply', 'network_interface');
  const tags = listAt(r, ['tags']);
  if (tags === UNKNOWN) return unknown('the network tags are known only after apply', 'tags');
  const planes = nics.map((b) => subnetworkPlane(r, ctx, pathKey([...b, 'subnetwork'])));
  const onProtected = tags.some(isProtectedTag) || planes.includes(PROTECTED_PLANE);
  if (!onProtected) return planes.includes(UNKNOWN) ? unknown('a subnetwork is known only after apply', 'network_interface') : notApplicable('not on the protected plane');
  for (const b of nics) {
    for (const kind of ['access_config', 'ipv6_access_config']) {
      const ext = blocks(r, [...b, kind]);
      if (ext === UNKNOWN) return unknown(`${kind} is known only after apply`, [...b, kind] as ValuePath);
      if (ext.length) return fail(`an external IP (${kind}) on a protected-plane instance: the air gap is broken`, [...b, kind] as ValuePath);
    }
  }
  const keys = new Set(nics.map((b) => networkKey(r, ctx, pathKey([...b, 'network'])) ?? referencedVia(r, ctx, 'google_compute_subnetwork', pathKey([...b, 'subnetwork'])).map((s) => networkKey(s, ctx))[0]));
  const own = tags.filter((t): t is string => typeof t === 'string');
  const leak = internetRoutes(ctx).find((x) => x.tags.some((t) => own.includes(t)) && (!x.network || keys.has(x.network)));
  if (leak) return fail(`a protected-plane instance carries the tag ${leak.tags.find((t) => own.includes(t))}, which ${leak.route.address} routes to the internet gateway`, 'tags');
  return pass('a protected-plane instance without an external IP or an internet route');
}

function peering(r: ResourceView, ctx: RuleContext): Verdict {
  for (const [attr, other] of [['network', 'peer_network'], ['peer_network', 'network']] as const) {
    if (networkHasProtected(networkKey(r, ctx, attr), ctx)) {
      const peer = r.get(other);
      return fail(`peers the network that holds the protected plane with ${typeof peer === 'string' && !peer.includes('${') ? peer : 'another network'}: each side's subnet routes reach the other, the protected subnetwork's included`, attr);
    }
  }
  return notApplicable('neither side holds a protected-plane subnetwork in this input');
}

function forwardingRule(r: ResourceView, ctx: RuleContext): Verdict {
  const target = stringAt(r, ['target']);
  if (target === UNKNOWN && !referencedVia(r, ctx, 'google_compute_service_attachment', 'target').length) return unknown('the target is known only after apply', 'target');
  const attachment = referencedVia(r, ctx, 'google_compute_service_attachment', 'target')[0];
  const psc = !!attachment || (typeof target === 'string' && /serviceAttachments\//.test(target));
  if (!psc) return notApplicable('not a Private Service Connect endpoint for a published service');
  const address = referencedVia(r, ctx, 'google_compute_address', 'ip_address')[0];
  const plane = subnetworkPlane(r, ctx, 'subnetwork') ?? (address ? subnetworkPlane(address, ctx, 'subnetwork') : undefined);
  if (plane === UNKNOWN) return unknown('the endpoint\'s subnetwork is known only after apply', 'subnetwork');
  if (plane !== PROTECTED_PLANE) return notApplicable('a Private Service Connect endpoint off the protected plane');
  if (!attachment) return fail(`a Private Service Connect endpoint on the protected plane reaches ${String(target)}, a service outside this input: declare it (a suppression with its reason) if it is the intended path`, 'target');
  const producer = referencedVia(attachment, ctx, 'google_compute_forwarding_rule', 'target_service')[0];
  const producerPlane = producer ? subnetworkPlane(producer, ctx, 'subnetwork') : undefined;
  if (producerPlane === PROTECTED_PLANE) return pass('a Private Service Connect endpoint to a service published from the protected plane itself');
  return fail(`a Private Service Connect endpoint on the protected plane reaches ${attachment.address}, published from ${typeof producerPlane === 'string' ? `the ${producerPlane} plane` : 'outside the protected plane'}`, 'target');
}

/** Golden rule 3 on a Google resource. */
export function gcpAirGap(r: ResourceView, ctx: RuleContext): Verdict {
  switch (r.type) {
    case 'google_compute_route':
      return route(r, ctx);
    case 'google_compute_router_nat':
      return routerNat(r, ctx);
    case 'google_compute_network_peering':
      return peering(r, ctx);
    case 'google_compute_forwarding_rule':
      return forwardingRule(r, ctx);
    case 'google_compute_subnetwork': {
      if (subnetPlane(r) !== PROTECTED_PLANE) return notApplicable('not the protected plane\'s subnetwork');
      const v6 = stringAt(r, ['ipv6_access_type']);
      if (v6 === UNKNOWN) return unknown('ipv6_access_type is known only after apply', 'ipv6_access_type');
      return v6 === 'EXTERNAL' ? fail('external IPv6 on the protected subnetwork gives its instances internet addresses', 'ipv6_access_type') : pass('no external IPv6 on the protected subnetwork');
    }
    default:
      return instance(r, ctx);
  }
}
