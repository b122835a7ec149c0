import { BUILTIN_PACKS } from '../../lib/policy/builtin';
import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const pol = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('pack aira-security-baseline selects the access rules', () => {
  test('IAM-001, NET-003, K8S-001 and K8S-002 are in the pack', () => {
    const pack = BUILTIN_PACKS.find((p) => p.id === 'aira-security-baseline')!;
    expect(Object.keys(pack.rules)).toEqual(expect.arrayContaining(['AIRA-IAM-001', 'AIRA-NET-003', 'AIRA-K8S-001', 'AIRA-K8S-002']));
  });
});

describe('AIRA-IAM-001 no wildcard actions on every resource', () => {
  test.each([
    ['specific actions on a bucket ARN', [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }], 'pass'],
    ['specific actions on *', [{ Effect: 'Allow', Action: ['braket:GetDevice'], Resource: '*' }], 'pass'],
    ['* on *', [{ Effect: 'Allow', Action: '*', Resource: '*' }], 'fail'],
    ['s3:* on *', [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:*'], Resource: ['*'] }], 'fail'],
    ['s3:* on one bucket', [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' }], 'pass'],
    ['NotAction allow on *', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], 'fail'],
    ['Deny * on *', [{ Effect: 'Deny', Action: '*', Resource: '*' }], 'pass'],
    ['a single statement object', { Effect: 'Allow', Action: '*', Resource: '*' }, 'fail'],
  ])('%s', (_n, statements, expected) => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    for (const type of ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy']) {
      expect({ type, s: statusOf(checkDoc(synthDoc({ [type]: { p: { policy } } })).results, 'AIRA-IAM-001', `${type}.p`) }).toEqual({ type, s: expected });
    }
    expect(statusOf(checkDoc(planDoc([{ type: 'aws_iam_role_policy', name: 'p', values: { policy } }])).results, 'AIRA-IAM-001', 'aws_iam_role_policy.p')).toBe(expected);
  });

  test('synth: interpolated resource ARNs are specific; a bare variable resource is unknown', () => {
    const doc = (resource: string) => synthDoc({ aws_iam_role_policy: { p: { policy: pol([{ Effect: 'Allow', Action: 's3:*', Resource: resource }]) } } });
    expect(statusOf(checkDoc(doc('${aws_s3_bucket.b.arn}/*')).results, 'AIRA-IAM-001', 'aws_iam_role_policy.p')).toBe('pass');
    expect(statusOf(checkDoc(doc('${var.resource}')).results, 'AIRA-IAM-001', 'aws_iam_role_policy.p')).toBe('unknown');
  });

  test('plan: a policy known only after apply is unknown', () => {
    const plan = planDoc([{ type: 'aws_iam_role_policy', name: 'p', values: {}, afterUnknown: { policy: true }, expressions: { policy: { references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] } } }]);
    expect(statusOf(checkDoc(plan).results, 'AIRA-IAM-001', 'aws_iam_role_policy.p')).toBe('unknown');
  });

  test('data aws_iam_policy_document statements, and a policy that uses one', () => {
    const doc = (statement: Record<string, unknown>) =>
      synthDoc({ aws_iam_policy: { p: { policy: '${data.aws_iam_policy_document.d.json}' } } }, { aws_iam_policy_document: { d: { statement: [statement] } } });
    const bad = checkDoc(doc({ actions: ['*'], resources: ['*'] })).results;
    expect(statusOf(bad, 'AIRA-IAM-001', 'data.aws_iam_policy_document.d')).toBe('fail');
    expect(statusOf(bad, 'AIRA-IAM-001', 'aws_iam_policy.p')).toBe('fail');
    const good = checkDoc(doc({ actions: ['s3:GetObject'], resources: ['*'] })).results;
    expect(statusOf(good, 'AIRA-IAM-001', 'data.aws_iam_policy_document.d')).toBe('pass');
    expect(statusOf(good, 'AIRA-IAM-001', 'aws_iam_policy.p')).toBe('pass');
    expect(statusOf(checkDoc(doc({ effect: 'Deny', actions: ['*'], resources: ['*'] })).results, 'AIRA-IAM-001', 'data.aws_iam_policy_document.d')).toBe('pass');
    const plan = (actions: string[]) =>
      planDoc([{ type: 'aws_iam_policy_document', name: 'd', mode: 'data', values: { statement: [{ effect: 'Allow', actions, resources: ['*'] }] } }]);
    expect(statusOf(checkDoc(plan(['ec2:*'])).results, 'AIRA-IAM-001', 'data.aws_iam_policy_document.d')).toBe('fail');
    expect(statusOf(checkDoc(plan(['ec2:DescribeInstances'])).results, 'AIRA-IAM-001', 'data.aws_iam_policy_document.d')).toBe('pass');
  });

  test.each([
    ['* at a subscription', { actions: ['*'] }, ['/subscriptions/00000000-0000-0000-0000-000000000000'], 'fail'],
    ['* at a management group', { actions: ['*'] }, ['/providers/Microsoft.Management/managementGroups/ai'], 'fail'],
    ['* at a resource group', { actions: ['*'] }, ['/subscriptions/0000/resourceGroups/rg'], 'pass'],
    ['named actions at a subscription', { actions: ['Microsoft.Compute/virtualMachines/read'] }, ['/subscriptions/0000'], 'pass'],
  ])('Azure role definition: %s', (_n, permissions, scopes, expected) => {
    const values = { name: 'r', scope: scopes[0], permissions: [permissions], assignable_scopes: scopes };
    expect(statusOf(checkDoc(synthDoc({ azurerm_role_definition: { r: values } })).results, 'AIRA-IAM-001', 'azurerm_role_definition.r')).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type: 'azurerm_role_definition', name: 'r', values }])).results, 'AIRA-IAM-001', 'azurerm_role_definition.r')).toBe(expected);
  });

  test('Azure: a subscription scope by reference fails in synth', () => {
    const values = { name: 'r', scope: '${data.azurerm_subscription.s.id}', permissions: { actions: ['*'] } };
    expect(statusOf(checkDoc(synthDoc({ azurerm_role_definition: { r: values } })).results, 'AIRA-IAM-001', 'azurerm_role_definition.r')).toBe('fail');
  });

  test.each([
    ['roles/editor to a service account', 'google_project_iam_member', { role: 'roles/editor', member: 'serviceAccount:sa@p.iam.gserviceaccount.com' }, 'fail'],
    ['roles/owner to a service account (binding)', 'google_project_iam_binding', { role: 'roles/owner', members: ['user:a@example.com', 'serviceAccount:sa@p.iam.gserviceaccount.com'] }, 'fail'],
    ['roles/owner to a user', 'google_project_iam_member', { role: 'roles/owner', member: 'user:a@example.com' }, 'pass'],
    ['a predefined role to a service account', 'google_project_iam_member', { role: 'roles/logging.logWriter', member: 'serviceAccount:sa@p.iam.gserviceaccount.com' }, 'pass'],
  ])('Google: %s', (_n, type, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ [type]: { m: values } })).results, 'AIRA-IAM-001', `${type}.m`)).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type, name: 'm', values }])).results, 'AIRA-IAM-001', `${type}.m`)).toBe(expected);
  });

  test('Google: a service account by reference is recognised in synth; custom roles are not applicable', () => {
    const doc = synthDoc({
      google_project_iam_member: { m: { role: 'roles/editor', member: '${google_service_account.sa.member}' } },
      google_project_iam_custom_role: { c: { role_id: 'r', title: 'r', permissions: ['storage.objects.get'] } },
    });
    const { results } = checkDoc(doc);
    expect(statusOf(results, 'AIRA-IAM-001', 'google_project_iam_member.m')).toBe('fail');
    expect(statusOf(results, 'AIRA-IAM-001', 'google_project_iam_custom_role.c')).toBe('not_applicable');
    const plan = planDoc([{ type: 'google_project_iam_member', name: 'm', values: { role: 'roles/editor' }, afterUnknown: { member: true }, expressions: { role: { constant_value: 'roles/editor' }, member: { references: ['var.member'] } } }]);
    expect(statusOf(checkDoc(plan).results, 'AIRA-IAM-001', 'google_project_iam_member.m')).toBe('unknown');
  });
});

describe('AIRA-NET-003 no all-ports rule from the internet', () => {
  test.each([
    ['AWS SG inline, protocol -1 from 0.0.0.0/0', 'aws_security_group', { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }] }, 'fail'],
    ['AWS SG inline, tcp 0-65535 from ::/0', 'aws_security_group', { ingress: [{ protocol: 'tcp', from_port: 0, to_port: 65535, ipv6_cidr_blocks: ['::/0'] }] }, 'fail'],
    ['AWS SG inline, -1 from a private range', 'aws_security_group', { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/8'] }] }, 'pass'],
    ['AWS SG inline, tcp 443 from anywhere', 'aws_security_group', { ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }] }, 'pass'],
    ['aws_security_group_rule ingress all', 'aws_security_group_rule', { type: 'ingress', protocol: 'all', from_port: 0, to_port: 65535, cidr_blocks: ['0.0.0.0/0'] }, 'fail'],
    ['aws_security_group_rule egress all', 'aws_security_group_rule', { type: 'egress', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }, 'pass'],
    ['vpc ingress rule -1', 'aws_vpc_security_group_ingress_rule', { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' }, 'fail'],
    ['vpc ingress rule udp 1-65535', 'aws_vpc_security_group_ingress_rule', { ip_protocol: 'udp', from_port: 1, to_port: 65535, cidr_ipv4: '0.0.0.0/0' }, 'fail'],
    ['Azure NSG rule * from Internet', 'azurerm_network_security_rule', { direction: 'Inbound', access: 'Allow', protocol: '*', destination_port_range: '*', source_address_prefix: 'Internet' }, 'fail'],
    ['Azure NSG rule 0-65535 from *', 'azurerm_network_security_rule', { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destination_port_range: '0-65535', source_address_prefix: '*' }, 'fail'],
    ['Azure NSG rule * from VirtualNetwork', 'azurerm_network_security_rule', { direction: 'Inbound', access: 'Allow', protocol: '*', destination_port_range: '*', source_address_prefix: 'VirtualNetwork' }, 'pass'],
    ['Azure NSG deny all from Internet', 'azurerm_network_security_rule', { direction: 'Inbound', access: 'Deny', protocol: '*', destination_port_range: '*', source_address_prefix: 'Internet' }, 'pass'],
    ['Azure NSG inline Any', 'azurerm_network_security_group', { security_rule: [{ name: 'all', direction: 'Inbound', access: 'Allow', protocol: '*', destination_port_range: '*', source_address_prefix: 'Any' }] }, 'fail'],
    ['Google allow all from 0.0.0.0/0', 'google_compute_firewall', { allow: [{ protocol: 'all' }], source_ranges: ['0.0.0.0/0'] }, 'fail'],
    ['Google tcp without ports, no source', 'google_compute_firewall', { allow: [{ protocol: 'tcp' }] }, 'fail'],
    ['Google tcp 443 from 0.0.0.0/0', 'google_compute_firewall', { allow: [{ protocol: 'tcp', ports: ['443'] }], source_ranges: ['0.0.0.0/0'] }, 'pass'],
    ['Google all from a private range', 'google_compute_firewall', { allow: [{ protocol: 'all' }], source_ranges: ['10.0.0.0/8'] }, 'pass'],
  ])('%s', (_n, type, values, expected) => {
    expect(statusOf(checkDoc(synthDoc({ [type]: { x: values } })).results, 'AIRA-NET-003', `${type}.x`)).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type, name: 'x', values }])).results, 'AIRA-NET-003', `${type}.x`)).toBe(expected);
  });

  test('an unknown source is unknown', () => {
    const plan = planDoc([{ type: 'aws_vpc_security_group_ingress_rule', name: 'x', values: { ip_protocol: '-1' }, afterUnknown: { cidr_ipv4: true }, expressions: { ip_protocol: { constant_value: '-1' }, cidr_ipv4: { references: ['var.cidr'] } } }]);
    expect(statusOf(checkDoc(plan).results, 'AIRA-NET-003', 'aws_vpc_security_group_ingress_rule.x')).toBe('unknown');
  });
});

describe('AIRA-K8S-001 private control planes', () => {
  test.each([
    ['EKS private only', 'aws_eks_cluster', { vpc_config: { endpoint_private_access: true, endpoint_public_access: false, subnet_ids: ['s'] } }, 'pass'],
    ['EKS defaults (public)', 'aws_eks_cluster', { vpc_config: { subnet_ids: ['s'] } }, 'fail'],
    ['EKS public limited by CIDR', 'aws_eks_cluster', { vpc_config: { endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] } }, 'fail'],
    ['EKS no endpoint at all', 'aws_eks_cluster', { vpc_config: { endpoint_private_access: false, endpoint_public_access: false } }, 'fail'],
    ['AKS private cluster', 'azurerm_kubernetes_cluster', { private_cluster_enabled: true, default_node_pool: { name: 'sys' } }, 'pass'],
    ['AKS public', 'azurerm_kubernetes_cluster', { default_node_pool: { name: 'sys' } }, 'fail'],
    ['GKE private endpoint and nodes', 'google_container_cluster', { private_cluster_config: { enable_private_endpoint: true, enable_private_nodes: true } }, 'pass'],
    ['GKE private nodes only', 'google_container_cluster', { private_cluster_config: { enable_private_endpoint: false, enable_private_nodes: true } }, 'fail'],
    ['GKE no private_cluster_config', 'google_container_cluster', { name: 'c' }, 'fail'],
  ])('%s', (_n, type, values, expected) => {
    const planValues = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' && !Array.isArray(v) ? [v] : v]));
    expect(statusOf(checkDoc(synthDoc({ [type]: { c: values } })).results, 'AIRA-K8S-001', `${type}.c`)).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type, name: 'c', values: planValues }])).results, 'AIRA-K8S-001', `${type}.c`)).toBe(expected);
  });

  test('the failure message says why', () => {
    const r = checkDoc(synthDoc({ aws_eks_cluster: { c: { vpc_config: { endpoint_public_access: true } } } })).results.find((x) => x.ruleId === 'AIRA-K8S-001')!;
    expect(r.message).toMatch(/reachable on the internet from any address/);
  });
});

describe('AIRA-K8S-002 node pools without public IPs', () => {
  const lt = (nics?: unknown[]) => ({ aws_launch_template: { t: nics ? { network_interfaces: nics } : { image_id: 'ami-1' } } });
  const ng = { cluster_name: 'c', launch_template: { id: '${aws_launch_template.t.id}', version: '1' }, subnet_ids: ['${aws_subnet.s.id}'] };
  const subnet = (pub: boolean) => ({ aws_subnet: { s: { cidr_block: '10.0.0.0/24', map_public_ip_on_launch: pub } } });

  test.each([
    ['template without interfaces, private subnet', lt(), subnet(false), 'pass'],
    ['template without interfaces, public subnet', lt(), subnet(true), 'fail'],
    ['template with associate_public_ip_address = true', lt([{ associate_public_ip_address: 'true' }]), subnet(false), 'fail'],
    ['template with associate_public_ip_address = false, public subnet', lt([{ associate_public_ip_address: 'false' }]), subnet(true), 'pass'],
  ])('EKS synth: %s', (_n, template, sub, expected) => {
    expect(statusOf(checkDoc(synthDoc({ ...template, ...sub, aws_eks_node_group: { g: ng } })).results, 'AIRA-K8S-002', 'aws_eks_node_group.g')).toBe(expected);
  });

  test('EKS synth: a launch template outside the input is unknown', () => {
    const doc = synthDoc({ aws_eks_node_group: { g: { ...ng, launch_template: { id: 'lt-123', version: '1' } } } });
    expect(statusOf(checkDoc(doc).results, 'AIRA-K8S-002', 'aws_eks_node_group.g')).toBe('unknown');
  });

  test('EKS plan: linked by configuration references', () => {
    const plan = (pub: boolean) =>
      planDoc([
        { type: 'aws_subnet', name: 's', values: { cidr_block: '10.0.0.0/24', map_public_ip_on_launch: pub } },
        { type: 'aws_launch_template', name: 't', values: { image_id: 'ami-1', network_interfaces: [] } },
        {
          type: 'aws_eks_node_group',
          name: 'g',
          values: { cluster_name: 'c', launch_template: [{ version: '1' }] },
          afterUnknown: { subnet_ids: true, launch_template: [{ id: true }] },
          expressions: { subnet_ids: { references: ['aws_subnet.s.id', 'aws_subnet.s'] }, launch_template: [{ id: { references: ['aws_launch_template.t.id', 'aws_launch_template.t'] } }] },
        },
      ]);
    expect(statusOf(checkDoc(plan(false)).results, 'AIRA-K8S-002', 'aws_eks_node_group.g')).toBe('pass');
    expect(statusOf(checkDoc(plan(true)).results, 'AIRA-K8S-002', 'aws_eks_node_group.g')).toBe('fail');
  });

  test.each([
    ['AKS default pool, default', 'azurerm_kubernetes_cluster', { default_node_pool: { name: 'sys' } }, 'pass'],
    ['AKS default pool with node public IPs', 'azurerm_kubernetes_cluster', { default_node_pool: { name: 'sys', node_public_ip_enabled: true } }, 'fail'],
    ['AKS node pool with node public IPs', 'azurerm_kubernetes_cluster_node_pool', { name: 'gpu', node_public_ip_enabled: true }, 'fail'],
    ['AKS node pool without', 'azurerm_kubernetes_cluster_node_pool', { name: 'gpu', node_public_ip_enabled: false }, 'pass'],
    ['GKE cluster with private nodes', 'google_container_cluster', { private_cluster_config: { enable_private_nodes: true } }, 'pass'],
    ['GKE cluster without', 'google_container_cluster', { name: 'c' }, 'fail'],
    ['GKE node pool with private nodes', 'google_container_node_pool', { network_config: { enable_private_nodes: true } }, 'pass'],
    ['GKE node pool with public nodes', 'google_container_node_pool', { network_config: { enable_private_nodes: false } }, 'fail'],
  ])('%s', (_n, type, values, expected) => {
    const planValues = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' && !Array.isArray(v) ? [v] : v]));
    expect(statusOf(checkDoc(synthDoc({ [type]: { x: values } })).results, 'AIRA-K8S-002', `${type}.x`)).toBe(expected);
    expect(statusOf(checkDoc(planDoc([{ type, name: 'x', values: planValues }])).results, 'AIRA-K8S-002', `${type}.x`)).toBe(expected);
  });

  test('GKE node pool inherits the cluster setting, or is unknown without the cluster', () => {
    const doc = (priv: boolean) =>
      synthDoc({ google_container_cluster: { c: { private_cluster_config: { enable_private_nodes: priv } } }, google_container_node_pool: { p: { cluster: '${google_container_cluster.c.id}' } } });
    expect(statusOf(checkDoc(doc(true)).results, 'AIRA-K8S-002', 'google_container_node_pool.p')).toBe('pass');
    expect(statusOf(checkDoc(doc(false)).results, 'AIRA-K8S-002', 'google_container_node_pool.p')).toBe('fail');
    expect(statusOf(checkDoc(synthDoc({ google_container_node_pool: { p: { cluster: 'projects/p/locations/l/clusters/c' } } })).results, 'AIRA-K8S-002', 'google_container_node_pool.p')).toBe('unknown');
  });
});
