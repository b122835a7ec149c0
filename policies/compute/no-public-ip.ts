import { blocks, boolAt, fail, pass, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';

function aws(r: ResourceView): Verdict {
  const nics = blocks(r, ['network_interfaces']);
  if (nics === UNKNOWN) return unknown('network_interfaces is known only after apply', 'network_interfaces');
  for (const n of nics) {
    const v = boolAt(r, [...n, 'associate_public_ip_address']);
    if (v === UNKNOWN) return unknown('associate_public_ip_address is known only after apply', [...n, 'associate_public_ip_address']);
    if (v === true) return fail('associate_public_ip_address = true gives every node a public IP', [...n, 'associate_public_ip_address']);
  }
  // Without network_interfaces the subnet's map_public_ip_on_launch decides; the constructs' private subnets set it false.
  return pass('no public IP association on the template');
}

function gcp(r: ResourceView): Verdict {
  const nics = blocks(r, ['network_interface']);
  if (nics === UNKNOWN) return unknown('network_interface is known only after apply', 'network_interface');
  for (const n of nics) {
    // An access_config block (even empty) gives the interface an external IP (google provider docs).
    for (const kind of ['access_config', 'ipv6_access_config'] as const) {
      const ac = blocks(r, [...n, kind]);
      if (ac === UNKNOWN) return unknown(`${kind} is known only after apply`, [...n, kind]);
      if (ac.length) return fail(`network_interface has an ${kind}: the nodes get an external IP`, [...n, kind]);
    }
  }
  return pass('no access_config: internal IPs only');
}

function azure(r: ResourceView): Verdict {
  const nics = blocks(r, ['network_interface']);
  if (nics === UNKNOWN) return unknown('network_interface is known only after apply', 'network_interface');
  for (const n of nics) {
    const ips = blocks(r, [...n, 'ip_configuration']);
    if (ips === UNKNOWN) return unknown('ip_configuration is known only after apply', [...n, 'ip_configuration']);
    for (const ip of ips) {
      const path: ValuePath = [...ip, 'public_ip_address'];
      const pub = blocks(r, path);
      if (pub === UNKNOWN) return unknown('public_ip_address is known only after apply', path);
      if (pub.length) return fail('an ip_configuration has a public_ip_address block: every instance gets a public IP', path);
    }
  }
  return pass('no public_ip_address block');
}

/** No public IP on compute node definitions (launch templates, instance templates, scale sets, instances). */
export const noPublicIpOnCompute: Rule = {
  id: 'AIRA-CMP-002',
  title: 'Compute node definitions assign no public IP',
  severity: 'high',
  rationale:
    'Accelerator nodes hold model weights and training data; a public address exposes every listening service to the internet. ' +
    'Nodes reach the internet (where allowed) through NAT and the cloud APIs through private endpoints.',
  remediation: 'AWS: associate_public_ip_address = false on the template\'s network interfaces. Google: remove access_config from network_interface. Azure: remove public_ip_address from the scale set\'s ip_configuration.',
  resourceTypes: ['aws_launch_template', 'aws_instance', 'google_compute_instance_template', 'google_compute_region_instance_template', 'google_compute_instance', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'],
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
    // Access control, not transmission security: the rule is about who can reach the nodes.
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AWS_88', 'CKV_GCP_40', 'AVD-AWS-0009', 'AVD-GCP-0031'],
  docs: ['https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance_template#access_config', 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html'],
  check(r): Verdict {
    if (r.type === 'aws_instance') {
      const v = boolAt(r, ['associate_public_ip_address']);
      if (v === UNKNOWN) return unknown('associate_public_ip_address is known only after apply', 'associate_public_ip_address');
      return v === true ? fail('associate_public_ip_address = true', 'associate_public_ip_address') : pass('no public IP association');
    }
    if (r.type === 'aws_launch_template') return aws(r);
    if (r.type.startsWith('google_')) return gcp(r);
    return azure(r);
  },
};
