import { Pack } from '../../lib/policy/types';

/** What generic scanners do not know about AI clusters: fabric, networking and SKU lifecycle, from the catalog. */
export const aiInfrastructurePack: Pack = {
  id: 'aira-ai-infrastructure',
  title: 'aira AI infrastructure',
  description:
    'Training pools on SKUs with at least 100 Gbps networking, an EFA interface on every network card of multi-node EFA training pools, ' +
    'EFA security groups that allow only themselves, no retired SKUs, and a warning with the date for SKUs being retired.',
  rules: {
    'AIRA-AI-001': {},
    'AIRA-AI-002': {},
    'AIRA-AI-003': {},
    'AIRA-AI-004': {},
    'AIRA-AI-005': {},
  },
};
