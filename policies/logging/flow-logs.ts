import { blocks, boolAt, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';

const AWS_FLOW_LOG = 'aws_flow_log';
const AZURE_FLOW_LOG = 'azurerm_network_watcher_flow_log';

/**
 * Flow logs that name `target` through `attr`: by reference (synth and plan) or by a literal id equal to
 * the target's known `id` (a network created elsewhere and referenced by its id).
 */
function linked(target: ResourceView, ctx: RuleContext, type: string, attr: string): ResourceView[] {
  const out = [...ctx.referencing(target, { type, via: attr })];
  const id = target.get('id');
  if (typeof id === 'string' && id) for (const f of ctx.withValue(type, attr, id)) if (!out.includes(f)) out.push(f);
  return out;
}

/** The traffic an AWS flow log records: `ALL`, `ACCEPT`, `REJECT`; UNKNOWN until apply; undefined when unset (the argument is optional). */
function awsTraffic(f: ResourceView): string | typeof UNKNOWN | undefined {
  return stringAt(f, ['traffic_type']);
}

function awsVpc(vpc: ResourceView, ctx: RuleContext): Verdict {
  const logs = linked(vpc, ctx, AWS_FLOW_LOG, 'vpc_id');
  let pending: string | undefined;
  let partial: string | undefined;
  for (const f of logs) {
    const t = awsTraffic(f);
    if (t === 'ALL') return pass(`${f.address} logs all traffic of the VPC`);
    if (t === UNKNOWN) pending = `${f.address} traffic_type`;
    else partial = `${f.address} logs ${t ?? 'no traffic type'} only`;
  }
  // No VPC-wide log of all traffic: the VPC is still covered when every one of its subnets has one.
  const subnets = ctx.referencing(vpc, { type: 'aws_subnet', via: 'vpc_id' });
  if (subnets.length) {
    const uncovered = subnets.filter((s) => !linked(s, ctx, AWS_FLOW_LOG, 'subnet_id').some((f) => awsTraffic(f) === 'ALL'));
    if (!uncovered.length) return pass(`every subnet of the VPC (${subnets.length}) has a flow log of all traffic`);
    if (!pending && uncovered.some((s) => linked(s, ctx, AWS_FLOW_LOG, 'subnet_id').some((f) => awsTraffic(f) === UNKNOWN))) pending = 'the traffic_type of a subnet flow log';
  }
  if (pending) return unknown(`${pending} is known only after apply`);
  if (partial) return fail(`${partial}: a flow log of one direction hides the other`, 'traffic_type');
  return fail(`no ${AWS_FLOW_LOG} with traffic_type = "ALL" covers the VPC or all of its subnets`);
}

function azureVnet(vnet: ResourceView, ctx: RuleContext): Verdict {
  const logs = linked(vnet, ctx, AZURE_FLOW_LOG, 'target_resource_id');
  if (!logs.length) return fail(`no ${AZURE_FLOW_LOG} targets the virtual network (target_resource_id)`);
  let pending: string | undefined;
  for (const f of logs) {
    const on = boolAt(f, ['enabled']);
    if (on === true) return pass(`${f.address} logs the virtual network's flows`);
    if (on === UNKNOWN) pending = f.address;
  }
  if (pending) return unknown(`enabled of ${pending} is known only after apply`, 'enabled');
  return fail(`the flow log of the virtual network is disabled (enabled = false) in ${logs.map((f) => f.address).join(', ')}`, 'enabled');
}

// Proxy-only subnets take no flow logs (google provider docs, google_compute_subnetwork log_config:
// "Flow logging is not supported when the subnetwork purpose is REGIONAL_MANAGED_PROXY or GLOBAL_MANAGED_PROXY";
// INTERNAL_HTTPS_LOAD_BALANCER is the older name of a regional proxy-only subnet).
const PROXY_PURPOSES = ['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER'];

function gcpSubnet(s: ResourceView): Verdict {
  const purpose = stringAt(s, ['purpose']);
  if (typeof purpose === 'string' && PROXY_PURPOSES.includes(purpose)) return notApplicable(`a ${purpose} subnetwork takes no flow logs (its traffic is logged by the load balancer)`);
  const enabled = boolAt(s, ['enable_flow_logs']);
  if (enabled === false) return fail('enable_flow_logs = false', 'enable_flow_logs');
  const cfg = blocks(s, ['log_config']);
  if (cfg === UNKNOWN) return unknown('log_config is known only after apply', 'log_config');
  if (cfg.length) return pass('VPC flow logs on (log_config)', 'log_config');
  if (enabled === true) return pass('VPC flow logs on (enable_flow_logs)', 'enable_flow_logs');
  if (enabled === UNKNOWN) return unknown('enable_flow_logs is known only after apply', 'enable_flow_logs');
  return fail('no log_config: the subnetwork logs no flows (off unless an organization policy says otherwise)', 'log_config');
}

/** Every network has flow logs: AWS VPCs, Azure virtual networks (VNet flow logs), Google subnetworks. */
export const flowLogsOnEveryNetwork: Rule = {
  id: 'AIRA-LOG-001',
  title: 'Every network has flow logs of all traffic',
  severity: 'medium',
  rationale:
    'Flow logs are the record of who talked to whom: without them an incident on a training or inference plane cannot be traced, and a zero-trust ' +
    'segmentation cannot be shown to hold (the denied flows prove the rules work, the allowed ones show what crossed). AWS logs per VPC, subnet or ENI; ' +
    'Azure per virtual network (VNet flow logs: new NSG flow logs cannot be created since 2025-06-30 and NSG flow logs retire on 2027-09-30); Google per subnetwork.',
  remediation:
    'AWS: an aws_flow_log with vpc_id = the VPC and traffic_type = "ALL" (or one per subnet). Azure: an azurerm_network_watcher_flow_log with ' +
    'target_resource_id = the virtual network id and enabled = true. Google: a log_config block on each google_compute_subnetwork.',
  resourceTypes: ['aws_vpc', 'azurerm_virtual_network', 'google_compute_subnetwork'],
  frameworks: {
    'iso-27001-2022': ['A.8.15', 'A.8.16'],
    soc2: ['CC7.2'],
    hipaa: ['164.312(b)'],
  },
  references: ['CKV2_AWS_11', 'AVD-AWS-0178', 'CKV_GCP_26', 'AVD-GCP-0029'],
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    'https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview',
    'https://azure.microsoft.com/updates?id=Azure-NSG-flow-logs-Retirement',
    'https://cloud.google.com/vpc/docs/flow-logs',
  ],
  check(r, ctx): Verdict {
    if (r.type === 'aws_vpc') return awsVpc(r, ctx);
    if (r.type === 'azurerm_virtual_network') return azureVnet(r, ctx);
    return gcpSubnet(r);
  },
};
