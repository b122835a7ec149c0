import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AiraError } from '../../lib/core/errors';
import { GcpStack, SegmentedNetwork } from '../../lib/gcp';
import { networkGcp } from '../../examples/network-gcp';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

const zones = ['us-central1-a', 'us-central1-b', 'us-central1-c'];

function build(props: Partial<ConstructorParameters<typeof SegmentedNetwork>[2]> = {}) {
  const app = testApp();
  const stack = new GcpStack(app, 'net-test', { project: 'acme-ml', region: 'us-central1', tags: { owner: 'ml-platform', level: 2 } });
  const net = new SegmentedNetwork(stack, 'net', { cidr: '10.30.0.0/16', zones, ...props });
  return { app, stack, net };
}

/** Firewall rules whose target tags include a tag. */
const targeting = (rules: Record<string, any>[], tag: string) => rules.filter((r) => (r.target_tags ?? []).includes(tag));

describe('Google Cloud SegmentedNetwork', () => {
  test('the network has no auto subnets and no default route', () => {
    const v = synthView(build().stack);
    expect(v.list('google_compute_network')).toEqual([
      expect.objectContaining({ name: 'net', auto_create_subnetworks: false, routing_mode: 'REGIONAL', delete_default_routes_on_create: true }),
    ]);
  });

  test('one regional subnetwork per plane: the plane slot of the layout, Private Google Access and flow logs on', () => {
    const { stack, net } = build();
    const subnets = synthView(stack).list('google_compute_subnetwork');
    expect(subnets).toHaveLength(5);
    const byName = Object.fromEntries(subnets.map((s) => [s.name, s]));
    expect(byName['net-training'].ip_cidr_range).toBe('10.30.0.0/19');
    expect(byName['net-inference'].ip_cidr_range).toBe('10.30.32.0/19');
    expect(byName['net-data'].ip_cidr_range).toBe('10.30.64.0/19');
    expect(byName['net-protected'].ip_cidr_range).toBe('10.30.160.0/19');
    // The regional subnet holds the zone blocks of the shared layout.
    expect(net.layout.planes.find((p) => p.plane === 'training')?.zones.map((z) => z.cidr)).toEqual(['10.30.0.0/21', '10.30.8.0/21', '10.30.16.0/21']);
    for (const s of subnets) {
      expect(s).toMatchObject({ region: 'us-central1', private_ip_google_access: true, purpose: 'PRIVATE', stack_type: 'IPV4_ONLY' });
      expect(s.log_config).toEqual({ aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' });
    }
    expect(net.fabricCidr).toBe('10.30.224.0/19');
    expect(net.networkTag('data')).toBe('net-data');
    // Handles resolve to references of the created resources.
    new TerraformOutput(stack, 'handles', { value: [net.subnetId('data'), net.subnetSelfLink('data'), net.networkSelfLink] });
    expect(JSON.parse(Testing.synth(stack)).output.handles.value).toEqual([
      expect.stringMatching(/^\$\{google_compute_subnetwork\.net_subnet-data_.*\.id\}$/),
      expect.stringMatching(/^\$\{google_compute_subnetwork\.net_subnet-data_.*\.self_link\}$/),
      expect.stringMatching(/^\$\{google_compute_network\.net_network_.*\.self_link\}$/),
    ]);
  });

  test('flow log sampling can be lowered, never to zero', () => {
    const v = synthView(build({ flowLogSampling: 0.5 }).stack);
    expect(v.list('google_compute_subnetwork').every((s) => s.log_config.flow_sampling === 0.5)).toBe(true);
    expect(errorCodeOf(() => build({ flowLogSampling: 0 }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('air gap: the only default route carries the non-protected planes tags', () => {
    const v = synthView(build().stack);
    const defaults = v.list('google_compute_route').filter((r) => r.dest_range === '0.0.0.0/0');
    expect(defaults).toHaveLength(1);
    expect(defaults[0]).toMatchObject({ next_hop_gateway: 'default-internet-gateway' });
    expect(defaults[0].tags).toEqual(['net-training', 'net-inference', 'net-data', 'net-management']);
    expect(defaults[0].tags).not.toContain('net-protected');
  });

  test('Private Google Access: routes for both VIP ranges and a private googleapis.com zone', () => {
    const v = synthView(build().stack);
    const apiRoutes = v.list('google_compute_route').filter((r) => r.dest_range !== '0.0.0.0/0');
    expect(apiRoutes.map((r) => r.dest_range).sort()).toEqual(['199.36.153.4/30', '199.36.153.8/30']);
    // Untagged: the protected plane reaches Google APIs too.
    expect(apiRoutes.every((r) => r.next_hop_gateway === 'default-internet-gateway' && r.tags === undefined)).toBe(true);
    const zone = v.list('google_dns_managed_zone')[0];
    expect(zone).toMatchObject({ dns_name: 'googleapis.com.', visibility: 'private' });
    expect(zone.private_visibility_config.networks[0].network_url).toMatch(/google_compute_network\.net_network_.*\.id/);
    const records = Object.fromEntries(v.list('google_dns_record_set').map((r) => [r.name, r]));
    expect(records['*.googleapis.com.']).toMatchObject({ type: 'CNAME', rrdatas: ['private.googleapis.com.'] });
    expect(records['private.googleapis.com.']).toMatchObject({ type: 'A', rrdatas: ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'] });
    expect(records['restricted.googleapis.com.']).toMatchObject({ type: 'A', rrdatas: ['199.36.153.4', '199.36.153.5', '199.36.153.6', '199.36.153.7'] });
  });

  test('googleApis restricted points the wildcard at the restricted VIP', () => {
    const v = synthView(build({ googleApis: 'restricted' }).stack);
    expect(v.list('google_dns_record_set').find((r) => r.type === 'CNAME')?.rrdatas).toEqual(['restricted.googleapis.com.']);
    expect(errorCodeOf(() => build({ googleApis: 'public' as never }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('deny by default: a logged deny-all ingress rule per plane tag, below every allow', () => {
    const v = synthView(build().stack);
    const denies = v.list('google_compute_firewall').filter((r) => r.direction === 'INGRESS' && r.deny);
    expect(denies.map((r) => r.target_tags[0]).sort()).toEqual(['net-data', 'net-inference', 'net-management', 'net-protected', 'net-training']);
    for (const r of denies) {
      expect(r).toMatchObject({ priority: 65534, deny: [{ protocol: 'all' }], source_ranges: ['0.0.0.0/0'], log_config: { metadata: 'INCLUDE_ALL_METADATA' } });
    }
    // Without declared flows or public ingress no ingress is allowed at all.
    expect(v.list('google_compute_firewall').filter((r) => r.direction === 'INGRESS' && r.allow)).toHaveLength(0);
  });

  test('a declared flow is one logged allow rule from the source tag to the target tag, with its reason', () => {
    const { stack, net } = build();
    net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    net.allow('training', 'data', { from: 1018, to: 1023 }, 'Lustre client ports for training nodes');
    const allows = synthView(stack).list('google_compute_firewall').filter((r) => r.allow && r.direction === 'INGRESS');
    expect(allows).toHaveLength(2);
    const lustre = allows.find((r) => r.name === 'net-allow-training-to-data-tcp-988');
    expect(lustre).toMatchObject({
      source_tags: ['net-training'],
      target_tags: ['net-data'],
      allow: [{ protocol: 'tcp', ports: ['988'] }],
      priority: 1000,
      description: 'training nodes mount the Lustre file system',
      log_config: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    expect(lustre?.source_ranges).toBeUndefined();
    expect(allows.find((r) => r.name.endsWith('1018-1023'))?.allow).toEqual([{ protocol: 'tcp', ports: ['1018-1023'] }]);
    expect(net.allows('training', 'data', 1020)).toBe(true);
    expect(net.allows('data', 'training', 988)).toBe(false);
  });

  test('protected plane: all egress denied and logged, HTTPS to the Google API ranges allowed', () => {
    const rules = synthView(build().stack).list('google_compute_firewall');
    const egress = targeting(rules, 'net-protected').filter((r) => r.direction === 'EGRESS');
    expect(egress).toHaveLength(2);
    expect(egress.find((r) => r.deny)).toMatchObject({ priority: 65534, destination_ranges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }], log_config: { metadata: 'INCLUDE_ALL_METADATA' } });
    expect(egress.find((r) => r.allow)).toMatchObject({ priority: 1000, destination_ranges: ['199.36.153.8/30', '199.36.153.4/30'], allow: [{ protocol: 'tcp', ports: ['443'] }] });
    // No other plane has its egress restricted by a deny rule.
    expect(rules.filter((r) => r.direction === 'EGRESS' && r.deny)).toHaveLength(1);
  });

  test('a flow out of the protected plane also gets an egress allow to the target subnet', () => {
    const { stack } = build();
    const net = stack.node.findChild('net') as SegmentedNetwork;
    net.allow('protected', 'data', 443, 'protected workloads write results to the data plane');
    const rules = synthView(stack).list('google_compute_firewall').filter((r) => r.description === 'protected workloads write results to the data plane');
    expect(rules.map((r) => r.direction).sort()).toEqual(['EGRESS', 'INGRESS']);
    expect(rules.find((r) => r.direction === 'EGRESS')).toMatchObject({ target_tags: ['net-protected'], destination_ranges: ['10.30.64.0/19'], allow: [{ protocol: 'tcp', ports: ['443'] }] });
  });

  test('Cloud NAT is regional, logs errors, and serves every subnet but the protected one', () => {
    const v = synthView(build().stack);
    expect(v.count('google_compute_router')).toBe(1);
    const nat = v.list('google_compute_router_nat')[0];
    expect(nat).toMatchObject({ region: 'us-central1', source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS', nat_ip_allocate_option: 'AUTO_ONLY', log_config: { enable: true, filter: 'ERRORS_ONLY' } });
    const served = nat.subnetwork.map((s: { name: string }) => s.name);
    expect(served).toHaveLength(4);
    expect(served.some((n: string) => n.includes('subnet-protected'))).toBe(false);
    expect(served.every((n: string) => /google_compute_subnetwork\..*\.id/.test(n))).toBe(true);
    expect(nat.subnetwork.every((s: { source_ip_ranges_to_nat: string[] }) => s.source_ip_ranges_to_nat.join() === 'ALL_IP_RANGES')).toBe(true);
  });

  test('egress none: no NAT, no router and no default route', () => {
    const v = synthView(build({ egress: 'none' }).stack);
    expect(v.count('google_compute_router_nat')).toBe(0);
    expect(v.count('google_compute_router')).toBe(0);
    expect(v.list('google_compute_route').some((r) => r.dest_range === '0.0.0.0/0')).toBe(false);
    expect(synthView(build({ egress: 'nat-per-region' }).stack).count('google_compute_router_nat')).toBe(1);
  });

  test('a network of the protected plane alone gets no internet route at all', () => {
    const v = synthView(build({ planes: ['protected'] }).stack);
    expect(v.count('google_compute_router_nat')).toBe(0);
    expect(v.list('google_compute_route').map((r) => r.dest_range).sort()).toEqual(['199.36.153.4/30', '199.36.153.8/30']);
  });

  test('public ingress: only the inference plane, with its reason, the only allow from 0.0.0.0/0', () => {
    const { stack } = build({ publicIngress: [{ plane: 'inference', port: 443, reason: 'public HTTPS API of the inference endpoints' }] });
    const open = synthView(stack).list('google_compute_firewall').filter((r) => r.allow && (r.source_ranges ?? []).includes('0.0.0.0/0'));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ target_tags: ['net-inference'], allow: [{ protocol: 'tcp', ports: ['443'] }], description: 'public HTTPS API of the inference endpoints' });
  });

  test('flow and firewall logs kept for the retention asked, in a bucket of the region', () => {
    const v = synthView(build({ flowLogs: { retentionDays: 90 } }).stack);
    expect(v.list('google_logging_project_bucket_config')[0]).toMatchObject({ project: 'acme-ml', location: 'us-central1', bucket_id: 'net-network-logs', retention_days: 90 });
    const sink = v.list('google_logging_project_sink')[0];
    expect(sink.destination).toBe('logging.googleapis.com/projects/acme-ml/locations/us-central1/buckets/net-network-logs');
    expect(sink.filter).toContain('log_id("compute.googleapis.com/vpc_flows")');
    expect(sink.filter).toContain('resource.labels.subnetwork_name=("net-training" OR "net-inference" OR "net-data" OR "net-management" OR "net-protected")');
    expect(synthView(build().stack).list('google_logging_project_bucket_config')[0].retention_days).toBe(365);
    expect(errorCodeOf(() => build({ flowLogs: { retentionDays: 4000 } }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('labels: aira-<name> on every labellable resource, none forced on resources without labels', () => {
    const v = synthView(build().stack);
    expect(v.list('google_dns_managed_zone')[0].labels).toEqual({ 'aira-owner': 'ml-platform', 'aira-level': 'level-2', 'aira-plane': 'shared' });
    for (const type of ['google_compute_network', 'google_compute_subnetwork', 'google_compute_firewall', 'google_compute_route', 'google_compute_router_nat']) {
      expect({ type, labelled: v.list(type).some((r) => 'labels' in r) }).toEqual({ type, labelled: false });
    }
  });

  test('fromAttributes: flows on an existing network become firewall rules on it', () => {
    const app = testApp();
    const stack = new GcpStack(app, 's', { project: 'acme-ml', region: 'us-central1' });
    const net = SegmentedNetwork.fromAttributes(stack, 'existing', {
      networkName: 'shared-vpc',
      cidr: '10.50.0.0/16',
      zones: ['us-central1-a'],
      subnets: { training: { name: 'train', cidr: '10.50.0.0/19' }, data: { name: 'data', cidr: '10.50.64.0/19' } },
      networkTags: { training: 'train-nodes', data: 'data-nodes' },
    });
    net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
    const v = synthView(stack);
    expect(v.list('google_compute_firewall')).toEqual([
      expect.objectContaining({ network: 'projects/acme-ml/global/networks/shared-vpc', project: 'acme-ml', source_tags: ['train-nodes'], target_tags: ['data-nodes'] }),
    ]);
    expect(v.count('google_compute_network')).toBe(0);
    expect(net.subnetId('data')).toBe('projects/acme-ml/regions/us-central1/subnetworks/data');
    expect(net.networkTag('training')).toBe('train-nodes');
    expect(errorCodeOf(() => net.subnetId('protected'))).toBe('AIRA_E_UNKNOWN_PLANE');
    expect(errorCodeOf(() => SegmentedNetwork.fromAttributes(stack, 'bad', { networkName: 'x', cidr: '10.60.0.0/16', zones: ['us-central1-a'], subnets: { training: { name: 'train', cidr: '10.60.0.0/19' } }, networkTags: {} }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('two synths of the same input are identical', () => {
    const once = () => {
      const { stack, net } = build({ publicIngress: [{ plane: 'inference', port: 443, reason: 'public HTTPS API of the inference endpoints' }] });
      net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
      return Testing.synth(stack, true);
    };
    expect(once()).toBe(once());
  });

  test('the example stack synthesizes with its flows and public ingress', () => {
    const v = synthView(networkGcp(testApp()));
    expect(v.json.provider.google).toEqual([expect.objectContaining({ project: 'aira-examples', region: 'us-central1' })]);
    expect(v.list('google_compute_subnetwork').map((s) => s.ip_cidr_range).sort()).toEqual(['10.30.0.0/19', '10.30.160.0/19', '10.30.32.0/19', '10.30.64.0/19', '10.30.96.0/19']);
    expect(v.list('google_compute_firewall').filter((r) => r.allow && r.source_tags)).toHaveLength(4);
    expect(v.list('google_compute_firewall').filter((r) => (r.source_ranges ?? []).includes('0.0.0.0/0') && r.allow)).toHaveLength(1);
  });

  describe('bad input', () => {
    test.each([
      ['an unknown plane in allow', () => build().net.allow('training', 'gpu' as never, 443, 'a reason long enough'), 'AIRA_E_UNKNOWN_PLANE'],
      ['a plane the network lacks', () => build({ planes: ['training', 'data'] }).net.allow('training', 'quantum', 443, 'a reason long enough'), 'AIRA_E_UNKNOWN_PLANE'],
      ['a base block too small for the planes and zones', () => build({ cidr: '10.0.0.0/24' }), 'AIRA_E_CIDR_TOO_SMALL'],
      ['overlapping CIDRs in one address space', () => {
        const { stack } = build();
        new SegmentedNetwork(stack, 'other', { cidr: '10.30.128.0/17', zones });
      }, 'AIRA_E_CIDR_OVERLAP'],
      ['a zone of another region', () => build({ zones: ['europe-west4-a'] }), 'AIRA_E_UNKNOWN_ZONE'],
      ['an AWS-style zone name', () => build({ zones: ['us-central1a'] }), 'AIRA_E_UNKNOWN_ZONE'],
      ['one NAT per zone, asked explicitly', () => build({ egress: 'nat-per-zone' }), 'AIRA_E_UNSUPPORTED_OPTION'],
      ['an unknown egress mode', () => build({ egress: 'nat' as never }), 'AIRA_E_INVALID_PROP'],
      ['public ingress to the training plane', () => build({ publicIngress: [{ plane: 'training', port: 22, reason: 'ssh from anywhere to nodes' }] }), 'AIRA_E_PUBLIC_EXPOSURE'],
      ['public ingress to the protected plane', () => build({ publicIngress: [{ plane: 'protected', port: 443, reason: 'should never be allowed' }] }), 'AIRA_E_PUBLIC_EXPOSURE'],
      ['a flow without a real reason', () => build().net.allow('training', 'data', 443, 'because'), 'AIRA_E_INVALID_FLOW'],
      ['a name with spaces', () => build({ name: 'my network' }), 'AIRA_E_INVALID_NAME'],
      ['a network outside any stack', () => new SegmentedNetwork(testApp(), 'net', { cidr: '10.30.0.0/16', zones }), 'AIRA_E_WRONG_SCOPE'],
      ['a network in a stack that is not a GcpStack', () => new SegmentedNetwork(new TerraformStack(testApp(), 'plain'), 'net', { cidr: '10.30.0.0/16', zones }), 'AIRA_E_WRONG_SCOPE'],
    ])('%s', (_name, fn, code) => {
      expect(errorCodeOf(fn)).toBe(code);
    });

    test('nat-per-zone says why and what to do instead', () => {
      try {
        build({ egress: 'nat-per-zone' });
        throw new Error('no error');
      } catch (e) {
        expect(AiraError.isAiraError(e)).toBe(true);
        expect((e as Error).message).toMatch(/^AIRA_E_UNSUPPORTED_OPTION: net-test\/net: egress "nat-per-zone" cannot be built on Google Cloud: Cloud NAT is regional.*Fix: leave egress unset or use "nat-per-region"/);
      }
    });
  });
});
