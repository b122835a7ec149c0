/**
 * Generated `terraform show -json` plans for the policy benchmark: mixed AWS / Azure / Google
 * resources with realistic nesting (inline rule blocks, nested devices, tags, child modules, unknown
 * and sensitive markers, configuration expressions with references). Deterministic: same size, same bytes.
 */

/** A small deterministic generator (LCG), so every run benchmarks the same file. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Res {
  type: string;
  name: string;
  module: string;
  values: Record<string, unknown>;
  unknown: Record<string, unknown>;
  expressions: Record<string, unknown>;
}

const tags = (i: number) => ({ Name: `res-${i}`, owner: 'ml-platform', 'aira:plane': ['training', 'data', 'inference'][i % 3], 'cost-center': `cc-${1000 + (i % 50)}` });

function resource(i: number, r: () => number): Res[] {
  const module = i % 10 === 0 ? `module.m${i % 7}.` : '';
  const cidr = r() < 0.05 ? '0.0.0.0/0' : `10.${i % 250}.0.0/16`;
  switch (i % 8) {
    case 0:
      return [
        { type: 'aws_s3_bucket', name: `b${i}`, module, values: { bucket: `bucket-${i}`, force_destroy: false, tags: tags(i) }, unknown: { id: true, arn: true, server_side_encryption_configuration: true }, expressions: { bucket: { constant_value: `bucket-${i}` }, tags: { constant_value: tags(i) } } },
        {
          type: 'aws_s3_bucket_server_side_encryption_configuration',
          name: `b${i}`,
          module,
          values: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: '' }], bucket_key_enabled: true }] },
          unknown: { id: true, bucket: true },
          expressions: { bucket: { references: [`aws_s3_bucket.b${i}.id`, `aws_s3_bucket.b${i}`] }, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: { constant_value: 'aws:kms' } }] }] },
        },
      ];
    case 1:
      return [
        {
          type: 'aws_security_group',
          name: `sg${i}`,
          module,
          values: {
            name: `sg-${i}`,
            description: 'generated',
            ingress: [22, 443, 8080].map((p) => ({ from_port: p, to_port: p, protocol: 'tcp', cidr_blocks: [cidr], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: `port ${p}` })),
            egress: [{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: '' }],
            tags: tags(i),
          },
          unknown: { id: true, arn: true, owner_id: true, vpc_id: true },
          expressions: { name: { constant_value: `sg-${i}` }, ingress: { constant_value: [] }, egress: { constant_value: [] }, vpc_id: { references: ['aws_vpc.main.id', 'aws_vpc.main'] } },
        },
      ];
    case 2:
      return [
        {
          type: 'aws_instance',
          name: `i${i}`,
          module,
          values: {
            ami: 'ami-0123456789abcdef0',
            instance_type: 'p5.48xlarge',
            root_block_device: [{ volume_size: 200, volume_type: 'gp3', encrypted: true, delete_on_termination: true, tags: tags(i) }],
            ebs_block_device: [0, 1].map((d) => ({ device_name: `/dev/sd${'fg'[d]}`, volume_size: 500, volume_type: 'gp3', encrypted: true })),
            metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 }],
            tags: tags(i),
            user_data: 'x'.repeat(200),
          },
          unknown: { id: true, arn: true, private_ip: true, public_ip: true, subnet_id: true, root_block_device: [{ volume_id: true, device_name: true }], ebs_block_device: [{ volume_id: true }, { volume_id: true }] },
          expressions: { ami: { constant_value: 'ami-0123456789abcdef0' }, instance_type: { constant_value: 'p5.48xlarge' }, subnet_id: { references: [`aws_subnet.s${i % 3}.id`, `aws_subnet.s${i % 3}`] } },
        },
      ];
    case 3:
      return [
        {
          type: 'azurerm_network_security_group',
          name: `nsg${i}`,
          module,
          values: {
            name: `nsg-${i}`,
            location: 'eastus',
            resource_group_name: 'rg',
            security_rule: ['22', '3389', '443', '1000-2000'].map((p, k) => ({
              name: `r${k}`,
              priority: 100 + k,
              direction: 'Inbound',
              access: 'Allow',
              protocol: 'Tcp',
              source_port_range: '*',
              source_port_ranges: [],
              destination_port_range: p,
              destination_port_ranges: [],
              source_address_prefix: r() < 0.05 ? 'Internet' : 'VirtualNetwork',
              source_address_prefixes: [],
              destination_address_prefix: '*',
              destination_address_prefixes: [],
              description: '',
            })),
            tags: tags(i),
          },
          unknown: { id: true },
          expressions: { name: { constant_value: `nsg-${i}` }, security_rule: { constant_value: [] }, resource_group_name: { references: ['azurerm_resource_group.rg.name', 'azurerm_resource_group.rg'] } },
        },
      ];
    case 4:
      return [
        { type: 'azurerm_storage_account', name: `sa${i}`, module, values: { name: `sa${i}`, account_tier: 'Standard', account_replication_type: 'GRS', https_traffic_only_enabled: r() > 0.05, min_tls_version: 'TLS1_2', tags: tags(i) }, unknown: { id: true, primary_access_key: true, primary_blob_endpoint: true }, expressions: { name: { constant_value: `sa${i}` }, https_traffic_only_enabled: { constant_value: true } } },
      ];
    case 5:
      return [
        {
          type: 'google_compute_firewall',
          name: `fw${i}`,
          module,
          values: { name: `fw-${i}`, network: 'default', direction: 'INGRESS', disabled: false, source_ranges: [cidr], allow: [{ protocol: 'tcp', ports: ['22', '80', '8000-9000'] }, { protocol: 'icmp', ports: [] }], deny: [], target_tags: ['gpu'] },
          unknown: { id: true, self_link: true, creation_timestamp: true },
          expressions: { name: { constant_value: `fw-${i}` }, network: { references: ['google_compute_network.vpc.name', 'google_compute_network.vpc'] }, source_ranges: { constant_value: [cidr] }, allow: [] },
        },
      ];
    case 6:
      return [
        { type: 'google_storage_bucket', name: `gcs${i}`, module, values: { name: `gcs-${i}`, location: 'US', storage_class: 'STANDARD', uniform_bucket_level_access: true, versioning: [{ enabled: true }], lifecycle_rule: [{ action: [{ type: 'SetStorageClass', storage_class: 'NEARLINE' }], condition: [{ age: 30 }] }], labels: { owner: 'ml' } }, unknown: { id: true, url: true, self_link: true }, expressions: { name: { constant_value: `gcs-${i}` } } },
      ];
    default:
      return [
        { type: 'aws_vpc_security_group_ingress_rule', name: `in${i}`, module, values: { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: cidr, description: 'https', tags: tags(i) }, unknown: { id: true, arn: true, security_group_id: true, security_group_rule_id: true }, expressions: { ip_protocol: { constant_value: 'tcp' }, security_group_id: { references: [`aws_security_group.sg${i - 6}.id`] }, cidr_ipv4: { constant_value: cidr } } },
      ];
  }
}

/** A plan JSON text with about `n` resources. */
export function generatePlan(n: number): string {
  const r = rng(n);
  const all: Res[] = [];
  for (let i = 0; all.length < n; i++) all.push(...resource(i, r));
  all.length = n;
  const address = (x: Res) => `${x.module}${x.type}.${x.name}`;
  const provider = (t: string) => `registry.terraform.io/hashicorp/${t.split('_')[0]}`;
  const config = (x: Res) => ({ address: `${x.type}.${x.name}`, mode: 'managed', type: x.type, name: x.name, provider_config_key: x.type.split('_')[0], expressions: x.expressions, schema_version: 0 });
  const root = all.filter((x) => !x.module);
  const modules = new Map<string, Res[]>();
  for (const x of all.filter((y) => y.module)) modules.set(x.module, [...(modules.get(x.module) ?? []), x]);
  const plan = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: {
      root_module: {
        resources: root.map((x) => ({ address: address(x), mode: 'managed', type: x.type, name: x.name, provider_name: provider(x.type), schema_version: 0, values: x.values, sensitive_values: {} })),
        child_modules: [...modules].map(([m, list]) => ({ address: m.slice(0, -1), resources: list.map((x) => ({ address: address(x), mode: 'managed', type: x.type, name: x.name, provider_name: provider(x.type), values: x.values, sensitive_values: {} })) })),
      },
    },
    resource_changes: all.map((x) => ({
      address: address(x),
      ...(x.module ? { module_address: x.module.slice(0, -1) } : {}),
      mode: 'managed',
      type: x.type,
      name: x.name,
      provider_name: provider(x.type),
      change: { actions: ['create'], before: null, after: x.values, after_unknown: x.unknown, before_sensitive: false, after_sensitive: x.type === 'azurerm_storage_account' ? { primary_access_key: true } : {} },
    })),
    configuration: {
      provider_config: { aws: { name: 'aws' }, azurerm: { name: 'azurerm' }, google: { name: 'google' } },
      root_module: {
        resources: root.map(config),
        module_calls: Object.fromEntries([...modules].map(([m, list]) => [m.slice('module.'.length, -1), { source: './modules/x', module: { resources: list.map(config) } }])),
      },
    },
  };
  return JSON.stringify(plan);
}
