import { blocks, boolAt, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { isVerdict, poolPlane, poolSku } from './pool-sku';
import { poolMaxNodes } from './pool-size';

/** Azure scale set types whose `single_placement_group` defaults to true (azurerm 4.x registry docs). */
const AZURE_TYPES = ['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'];
const GCP_TYPES = ['google_compute_instance_template', 'google_compute_region_instance_template'];

/** Azure: InfiniBand connects only the VMs of one placement group. */
function azureFabric(r: ResourceView, sku: string): Verdict {
  const single = boolAt(r, ['single_placement_group']);
  if (single === UNKNOWN) return unknown('single_placement_group is known only after apply', 'single_placement_group');
  if (single === false) return fail(`${sku} is an InfiniBand size, but single_placement_group = false: InfiniBand reaches only the VMs of one placement group, so nodes in other groups train over Ethernet`, 'single_placement_group');
  return pass(`${sku}: one placement group (single_placement_group ${single === true ? '= true' : 'left at the provider default, true'}), one InfiniBand fabric`, 'single_placement_group');
}

/** Google: A3 High / Mega take one gVNIC plus one NIC per GPU NIC network; A3 Ultra a second gVNIC and the MRDMA NICs. */
function gcpFabric(r: ResourceView, sku: string, gpuNics: number, rdma: boolean): Verdict {
  const nics = blocks(r, ['network_interface']);
  if (nics === UNKNOWN) return unknown('network_interface is known only after apply', 'network_interface');
  const expected = 1 + gpuNics + (rdma ? 1 : 0);
  if (nics.length !== expected) {
    return fail(`${sku} needs ${expected} network interfaces (${rdma ? `2 gVNIC and ${gpuNics} MRDMA` : `nic0 and ${gpuNics} GPU NICs`}); the template has ${nics.length}: GPUDirect runs on the GPU NICs, without them collectives go over nic0`, 'network_interface');
  }
  if (rdma) {
    const types = nics.map((b) => stringAt(r, [...b, 'nic_type']));
    if (types.includes(UNKNOWN)) return unknown('a nic_type is known only after apply', 'network_interface');
    const mrdma = types.filter((t) => t === 'MRDMA').length;
    if (mrdma !== gpuNics) return fail(`${sku} needs ${gpuNics} MRDMA interfaces for GPUDirect RDMA; the template has ${mrdma}`, 'network_interface');
  }
  return pass(`${sku}: ${expected} network interfaces, the GPUDirect layout of the machine type`, 'network_interface');
}

/**
 * Multi-node training pools on Azure InfiniBand sizes run in one placement group; on Google A3 High,
 * Mega and Ultra they carry the machine type's GPU NIC layout. (AWS: EFA on every card, AIRA-AI-002.)
 */
export const fabricLayout: Rule = {
  id: 'AIRA-AI-006',
  title: 'Multi-node training pools have their fabric: one InfiniBand placement group (Azure), the GPU NIC layout (Google)',
  severity: 'high',
  rationale:
    'A multi-node training pool on an accelerator SKU pays for its interconnect and needs it for collective operations. ' +
    'Azure ND-series InfiniBand connects only the VMs of one placement group, so a scale set of an InfiniBand size must keep single_placement_group = true (the azurerm default; false spreads nodes over groups that share no fabric). ' +
    "Google A3 High (GPUDirect-TCPX) and A3 Mega (GPUDirect-TCPXO) reach their bandwidth over extra GPU NICs, each in its own VPC network, and A3 Ultra over a second gVNIC and eight MRDMA NICs: the template's network_interface count must be 1 + the catalog's gpuNics (+1 on A3 Ultra). " +
    'A pool is multi-node unless every group or scale set that runs it has a maximum of 1 node; a template no group uses is judged as multi-node. ' +
    'The plan shows the layout, not whether the GPU NIC networks have the MTU and firewall GPUDirect needs, nor whether the InfiniBand drivers are in the image. AWS EFA is AIRA-AI-002.',
  remediation:
    'Azure: leave single_placement_group at true on InfiniBand scale sets (the aira pool does so when the fabric is on). Google: give the template one network interface per GPU NIC network of the machine type ' +
    '(the aira pool builds them with fabric on: GpuNicNetworks), or move single-node work to a pool with max 1.',
  resourceTypes: [...AZURE_TYPES, ...GCP_TYPES],
  frameworks: {
    // Capacity management: the nodes deliver the capacity the training workload is planned for (evidence, not certification).
    'iso-27001-2022': ['A.8.6'],
    soc2: ['A1.1'],
  },
  references: [],
  docs: ['https://learn.microsoft.com/azure/virtual-machines/setup-infiniband', 'https://cloud.google.com/compute/docs/gpus/gpudirect', 'https://cloud.google.com/compute/docs/accelerator-optimized-machines#a3-vms'],
  check(r: ResourceView, ctx: RuleContext): Verdict {
    const training = poolPlane(r, 'training');
    if (training === UNKNOWN) return unknown('the network tags that carry the plane are known only after apply', 'tags');
    if (!training) return notApplicable('not a training pool');
    const sku = poolSku(r);
    if (sku === undefined) return notApplicable('no SKU set on this node definition');
    if (isVerdict(sku)) return sku;
    const { fabric } = sku.spec;
    const azureIb = r.type.startsWith('azurerm_') && (fabric === 'infiniband-ndr' || fabric === 'infiniband-hdr');
    const gcpNics = !r.type.startsWith('azurerm_') && sku.spec.gpuNics !== undefined && fabric.startsWith('gpudirect-');
    if (!azureIb && !gcpNics) return notApplicable(`${sku.id} has no fabric this rule checks (${fabric})`);
    const max = poolMaxNodes(r, ctx);
    if (max === UNKNOWN) return unknown('the pool size is known only after apply', r.type.startsWith('azurerm_') ? 'instances' : 'network_interface');
    if (typeof max === 'number' && max <= 1) return notApplicable('single-node pool (at most 1 node): no inter-node fabric traffic');
    return azureIb ? azureFabric(r, sku.id) : gcpFabric(r, sku.id, sku.spec.gpuNics as number, fabric === 'gpudirect-rdma');
  },
};
