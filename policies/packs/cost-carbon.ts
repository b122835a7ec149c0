import { Pack } from '../../lib/policy/types';

/**
 * Guards with numbers: accelerator pools and stacks within budgets of cost and emissions, from the
 * catalog's dated prices, power figures and grid intensities. The budgets are options
 * (`--option maxPoolMonthlyUsd=...`, `maxMonthlyUsd=...`, `maxKgCo2ePerHour=...`); without them the
 * rules report `not_applicable` with their estimates, so the pack never fails a run nobody budgeted.
 */
export const costCarbonPack: Pack = {
  id: 'aira-cost-carbon',
  title: 'aira cost and carbon',
  description:
    'Estimated on-demand cost per month of each accelerator pool and each stack at maximum size, and the stack\'s estimated emissions per hour, ' +
    'against budgets given as options (--option maxPoolMonthlyUsd=..., maxMonthlyUsd=..., maxKgCo2ePerHour=...); without a budget the rules report ' +
    'their estimates as not_applicable. Regions under the grid intensity ceiling (--option maxGco2PerKwh=..., a warning).',
  rules: {
    'AIRA-CST-001': {},
    'AIRA-CST-002': {},
    'AIRA-CST-003': {},
    'AIRA-GLD-006': {},
  },
};
