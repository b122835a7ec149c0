import { Pack } from '../../lib/policy/types';

/** What generic scanners do not know about AI clusters: fabric, networking and SKU lifecycle, from the catalog. */
export const aiInfrastructurePack: Pack = {
  id: 'aira-ai-infrastructure',
  title: 'aira AI infrastructure',
  description:
    'Training pools on SKUs with at least 100 Gbps networking, an EFA interface on every network card of multi-node EFA training pools, ' +
    'EFA security groups that allow only themselves, no retired SKUs, and a warning with the date for SKUs being retired; ' +
    'multi-node training pools with their fabric (one InfiniBand placement group on Azure, the GPU NIC layout on Google) and, as a warning, cluster or compact placement; ' +
    'reserved capacity never forced into a placement group it was not made in; parallel file systems reachable from their declared consumers; ' +
    'on a plan, no deletion or replacement of stateful storage (checkpoints, registries, file systems); ' +
    'and, as a warning, accelerator pools on a known accelerator image.',
  rules: {
    'AIRA-AI-001': {},
    'AIRA-AI-002': {},
    'AIRA-AI-003': {},
    'AIRA-AI-004': {},
    'AIRA-AI-005': {},
    'AIRA-AI-006': {},
    'AIRA-AI-007': {},
    'AIRA-AI-008': {},
    'AIRA-AI-009': {},
    'AIRA-AI-010': {},
    // Losing a checkpoint bucket or a Lustre file system costs days of accelerator time: the change-safety rule belongs here too.
    'AIRA-CHG-001': {},
  },
};
