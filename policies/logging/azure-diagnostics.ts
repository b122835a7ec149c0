import { blocks, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';

const DIAG = 'azurerm_monitor_diagnostic_setting';
/** What marks the platform's audit sink on Azure: a Log Analytics workspace the stack creates or reads. */
export const AZURE_AUDIT_SINK = 'azurerm_log_analytics_workspace';

/**
 * Log categories that audit each resource's data access: Blob storage's StorageRead / StorageWrite /
 * StorageDelete and Key Vault's AuditEvent (learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference,
 * learn.microsoft.com/azure/key-vault/general/monitor-key-vault-reference). The `audit` and `allLogs` category
 * groups include them (learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#category-groups).
 */
const CATEGORIES: Record<string, readonly string[]> = {
  azurerm_storage_account: ['StorageRead', 'StorageWrite', 'StorageDelete'],
  azurerm_key_vault: ['AuditEvent'],
};
const GROUPS = ['audit', 'allLogs'];

/** Diagnostic settings whose target is the resource (Key Vault) or the account's blob service (storage). */
function settingsOf(r: ResourceView, ctx: RuleContext): { settings: ResourceView[]; pendingTarget: boolean } {
  const blob = r.type === 'azurerm_storage_account';
  const out: ResourceView[] = [];
  let pendingTarget = false;
  for (const d of ctx.referencing(r, { type: DIAG, via: 'target_resource_id' })) {
    // Storage logs live on the account's services, not the account (which takes metrics only): the target
    // must be `<account id>/blobServices/default`. A synthesized stack writes it as an interpolation whose
    // literal suffix is readable; in a plan the whole id is often known only after apply.
    const known = stringAt(d, ['target_resource_id']);
    const raw = d.values['target_resource_id'];
    const t = known === UNKNOWN && typeof raw === 'string' && raw.includes('${') ? raw : known;
    if (t === UNKNOWN) {
      if (blob) pendingTarget = true;
      else out.push(d);
    } else if (!blob || (typeof t === 'string' && /\/blobServices\/default$/i.test(t))) out.push(d);
  }
  const id = r.get('id');
  if (typeof id === 'string' && id) {
    for (const d of ctx.withValue(DIAG, 'target_resource_id', blob ? `${id}/blobServices/default` : id)) if (!out.includes(d)) out.push(d);
  }
  return { settings: out, pendingTarget };
}

/** Whether a setting sends the resource's audit logs to a Log Analytics workspace; UNKNOWN when that is known only after apply. */
function audits(d: ResourceView, needed: readonly string[]): boolean | typeof UNKNOWN {
  // An unknown workspace id is set, to a workspace created with the stack.
  const ws = stringAt(d, ['log_analytics_workspace_id']);
  if (ws === undefined || ws === '') return false;
  const logs = blocks(d, ['enabled_log']);
  if (logs === UNKNOWN) return UNKNOWN;
  const got = new Set<string>();
  let pending = false;
  for (const l of logs) {
    for (const k of ['category', 'category_group'] as const) {
      const v = stringAt(d, [...l, k]);
      if (v === UNKNOWN) pending = true;
      else if (typeof v === 'string') got.add(v);
    }
  }
  if (GROUPS.some((g) => got.has(g)) || needed.every((c) => got.has(c))) return true;
  return pending ? UNKNOWN : false;
}

/**
 * Where the stack declares the platform's audit sink (a Log Analytics workspace), its storage accounts'
 * blob services and its key vaults send their audit logs there through diagnostic settings.
 */
export const azureAuditDiagnostics: Rule = {
  id: 'AIRA-LOG-003',
  title: 'Storage accounts and key vaults send audit logs to the Log Analytics workspace',
  severity: 'medium',
  rationale:
    'Reads, writes and deletes of training data and model weights, and every use of the keys that protect them, are what an investigation and an ' +
    'access review need. Azure keeps these resource logs only when a diagnostic setting sends them somewhere; a Log Analytics workspace makes them ' +
    'searchable and retainable. The rule applies where the stack declares the workspace (the platform\'s audit sink): a stack without one has no ' +
    'destination of its own to check.',
  remediation:
    'Add an azurerm_monitor_diagnostic_setting per storage account with target_resource_id = "<account id>/blobServices/default" and per key vault ' +
    'with target_resource_id = the vault id, log_analytics_workspace_id = the workspace id, and enabled_log { category_group = "audit" } ' +
    '(or the categories StorageRead, StorageWrite, StorageDelete / AuditEvent).',
  resourceTypes: ['azurerm_storage_account', 'azurerm_key_vault'],
  frameworks: {
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
    hipaa: ['164.312(b)'],
  },
  references: [],
  docs: [
    'https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings',
    'https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage',
    'https://learn.microsoft.com/azure/key-vault/general/logging',
  ],
  check(r, ctx): Verdict {
    const sinks = ctx.ofType(AZURE_AUDIT_SINK);
    if (!sinks.length) {
      return notApplicable(`the stack declares no audit sink (no ${AZURE_AUDIT_SINK}): audit log routing is checked where the workspace is declared`);
    }
    const what = r.type === 'azurerm_storage_account' ? "the account's blob service" : 'the key vault';
    const { settings, pendingTarget } = settingsOf(r, ctx);
    let pending = pendingTarget;
    for (const d of settings) {
      const a = audits(d, CATEGORIES[r.type]);
      if (a === true) return pass(`${d.address} sends the audit logs of ${what} to a Log Analytics workspace`);
      if (a === UNKNOWN) pending = true;
    }
    if (pending) return unknown(`whether a diagnostic setting covers ${what} is known only after apply (its target or log categories)`);
    if (settings.length) return fail(`the diagnostic settings of ${what} (${settings.map((d) => d.address).join(', ')}) send no audit logs to a Log Analytics workspace`);
    return fail(`no ${DIAG} sends the audit logs of ${what} to the Log Analytics workspace`);
  },
};
