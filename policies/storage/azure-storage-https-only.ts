import { boolAt, fail, pass, unknown } from '../../lib/policy/rule-kit';
import { Rule, UNKNOWN, Verdict } from '../../lib/policy/types';

// The argument was renamed in azurerm 4.0: `enable_https_traffic_only` (azurerm < 4) became
// `https_traffic_only_enabled` (azurerm 4.x; @cdktf/provider-azurerm 14 storage-account index.d.ts).
// Both default to true.
const ATTRIBUTES = ['https_traffic_only_enabled', 'enable_https_traffic_only'] as const;

/** Azure storage accounts accept HTTPS only, under either attribute name. */
export const azureStorageHttpsOnly: Rule = {
  id: 'AIRA-STO-002',
  title: 'Azure storage accounts accept HTTPS only',
  severity: 'high',
  rationale: 'Plain HTTP to a storage account sends data and shared-key signed requests in clear text; "secure transfer required" rejects it.',
  remediation: 'Remove https_traffic_only_enabled = false (azurerm 4) or enable_https_traffic_only = false (azurerm < 4): the default, true, is the secure setting.',
  resourceTypes: ['azurerm_storage_account'],
  frameworks: {
    'iso-27001-2022': ['A.5.14', 'A.8.24'],
    soc2: ['CC6.7'],
    hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AZURE_3', 'AVD-AZU-0008'],
  docs: ['https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer'],
  check(r): Verdict {
    let pending: string | undefined;
    let explicit: string | undefined;
    for (const a of ATTRIBUTES) {
      const v = boolAt(r, [a]);
      if (v === false) return fail(`${a} = false lets clients use plain HTTP`, a);
      if (v === UNKNOWN) pending = a;
      else if (v === true) explicit = a;
    }
    if (pending) return unknown(`${pending} is known only after apply`, pending);
    return pass(explicit ? `${explicit} = true` : 'HTTPS-only is the provider default (true) and is not overridden');
  },
};
