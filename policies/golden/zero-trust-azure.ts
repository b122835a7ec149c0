/**
 * Golden rule 1 on Azure. NSG rules take no tags, so the declared-flow marker is the rule's name:
 * `SegmentedNetwork.allow` names each direction of a flow after the flow's key,
 * `<from>-to-<to>-<protocol>-<ports>-in|out` (lib/azure/network-security.ts `flowRuleName`), and writes
 * the flow's reason as the description. An allow between two planes is a declared flow when its name is
 * the key of the planes, protocol and ports it really opens, and it states a reason.
 */
import { blocks, fail, notApplicable, pass, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { NsgRule, coversVnet, nsgOfRule, nsgScope, planesOfPrefixes, readNsgRule } from './azure-nsg';
import { planeOf } from './planes';

/** The name `SegmentedNetwork.allow` gives one direction of a flow (the contract this check reads). */
export function azureFlowRuleName(from: string, to: string, protocol: string, ports: string, direction: 'in' | 'out'): string {
  return `${from}-to-${to}-${protocol}-${ports}-${direction}`;
}

function judge(rule: NsgRule, nsg: ResourceView | undefined, ctx: RuleContext): Verdict {
  const at = (attr: string) => [...rule.base, attr];
  if (rule.access === UNKNOWN) return unknown('access is known only after apply', at('access'));
  if (String(rule.access).toLowerCase() !== 'allow') return notApplicable('a deny rule closes traffic, it opens none');
  const scope = nsgScope(nsg, ctx);
  if (!scope.peers.length) return notApplicable('no plane subnet in this input: the rule\'s addresses cannot be mapped to planes');
  if (rule.direction === UNKNOWN) return unknown('direction is known only after apply', at('direction'));
  if (rule.sources === UNKNOWN || rule.destinations === UNKNOWN) return unknown('the address prefixes are known only after apply', at('source_address_prefix'));
  const inbound = String(rule.direction).toLowerCase() === 'inbound';
  const own = scope.own?.plane ?? (nsg ? planeOf(nsg) : undefined);
  const peerList = inbound ? rule.sources : rule.destinations;
  const from = inbound ? planesOfPrefixes(rule.sources, scope.peers) : own ? new Set([own]) : planesOfPrefixes(rule.sources, scope.peers);
  const to = inbound ? (own ? new Set([own]) : planesOfPrefixes(rule.destinations, scope.peers)) : planesOfPrefixes(rule.destinations, scope.peers);
  const pairs = [...from].flatMap((f) => [...to].filter((t) => t !== f).map((t) => [f, t] as const));
  if (!pairs.length) {
    return from.size && to.size ? pass(`within the ${[...to][0]} plane`) : notApplicable('not a rule between planes: its addresses are no plane subnet of this input');
  }
  const peerAttr = at(inbound ? 'source_address_prefix' : 'destination_address_prefix');
  const flows = pairs.map(([f, t]) => `${f} -> ${t}`).join(', ');
  const wide = peerList.find(coversVnet);
  if (wide) return fail(`allows ${flows} through the prefix ${wide}, which covers every plane of the VNet: a declared flow names one plane's subnet`, peerAttr);
  if (rule.protocol === UNKNOWN || rule.ports === UNKNOWN || rule.portText === UNKNOWN) return unknown('the protocol or ports are known only after apply', at('destination_port_range'));
  const protocol = String(rule.protocol ?? '*').toLowerCase();
  const allPorts = rule.ports.some(([lo, hi]) => lo <= 1 && hi >= 65535);
  if (protocol === '*' && allPorts) return fail(`allows every protocol and port for ${flows}: a plane-wide allow-all is never a declared flow`, at('protocol'));
  if (pairs.length > 1) return fail(`opens ${flows} at once: a declared flow joins one plane to one other`, peerAttr);
  const [f, t] = pairs[0];
  const expected = azureFlowRuleName(f, t, protocol, String(rule.portText), inbound ? 'in' : 'out');
  if (rule.name === UNKNOWN) return unknown('the rule name (the declared-flow marker) is known only after apply', at('name'));
  if (rule.name !== expected) {
    return fail(`allows ${f} -> ${t} (${protocol} ${String(rule.portText)}) but is not a declared flow: SegmentedNetwork.allow would name it ${expected}`, at('name'));
  }
  if (rule.description === UNKNOWN) return unknown('the description (the flow reason) is known only after apply', at('description'));
  if (!rule.description || !rule.description.trim()) return fail(`allows ${f} -> ${t} without a description: a declared flow states its reason`, at('description'));
  return pass(`declared flow ${f} -> ${t}: ${rule.description}`);
}

/** Golden rule 1 on an Azure NSG rule resource, or on the inline rules of an NSG. */
export function azureZeroTrust(r: ResourceView, ctx: RuleContext): Verdict | Verdict[] {
  if (r.type === 'azurerm_network_security_rule') return judge(readNsgRule(r, []), nsgOfRule(r, ctx), ctx);
  const inline = blocks(r, ['security_rule']);
  if (inline === UNKNOWN) return unknown('the inline security rules are known only after apply', 'security_rule');
  if (!inline.length) return notApplicable('no inline security rules');
  return inline.map((p) => judge(readNsgRule(r, p), r, ctx));
}
