import { AzureKey, AzureStack, QuantumWorkspace, QuantumWorkspaceProps, SegmentedNetwork, quantumTemplate } from '../../lib/azure';
import { errorCodeOf, synthView, testApp } from '../helpers/synth';

function build(props: Partial<QuantumWorkspaceProps> = {}) {
  const app = testApp();
  const stack = new AzureStack(app, 'quantum-test', { location: 'eastus' });
  const network = new SegmentedNetwork(stack, 'net', { cidr: '10.21.0.0/16', zones: ['1'] });
  const key = new AzureKey(stack, 'key', { network });
  const ws = new QuantumWorkspace(stack, 'q', { key, ...props } as QuantumWorkspaceProps);
  return { stack, ws, v: synthView(stack) };
}

describe('Azure QuantumWorkspace', () => {
  test('a template deployment whose template is built in code: the workspace with its providers, system identity and linked storage', () => {
    const { v, ws } = build({ providers: [{ id: 'ionq', sku: 'pay-as-you-go-cred' }, { id: 'quantinuum', sku: 'credits1' }] });
    const d = v.list('azurerm_resource_group_template_deployment')[0];
    expect(d).toMatchObject({ deployment_mode: 'Incremental', lifecycle: { prevent_destroy: true } });
    const template = JSON.parse(d.template_content);
    expect(template).toEqual(ws.template);
    const workspace = template.resources.find((r: any) => r.type === 'Microsoft.Quantum/workspaces');
    expect(workspace).toMatchObject({ identity: { type: 'SystemAssigned' }, properties: { providers: [{ providerId: 'ionq', providerSku: 'pay-as-you-go-cred' }, { providerId: 'quantinuum', providerSku: 'credits1' }] } });
    expect(workspace.properties.storageAccount).toContain('Microsoft.Storage/storageAccounts');
    const storage = template.resources.find((r: any) => r.type === 'Microsoft.Storage/storageAccounts');
    expect(storage.properties).toMatchObject({ supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false });
    expect(storage.properties.encryption).toMatchObject({ keySource: 'Microsoft.Keyvault', requireInfrastructureEncryption: true });
    const role = template.resources.find((r: any) => r.type === 'Microsoft.Authorization/roleAssignments');
    expect(role.properties.roleDefinitionId).toContain('b24988ac-6180-42a0-ab88-20f7382dd24c');
    expect(ws.description).toContain('ionq/pay-as-you-go-cred');
  });

  test('deployment-specific values are parameters; the key is unwrapped by a user-assigned identity granted before the deployment', () => {
    const { v } = build();
    const d = v.list('azurerm_resource_group_template_deployment')[0];
    const params = JSON.parse(d.parameters_content.replace(/\$\{[^}]*\}/g, '<ref>'));
    expect(Object.keys(params).sort()).toEqual(['keyName', 'keyVaultUri', 'location', 'storageAccountName', 'storageIdentityId', 'workspaceName']);
    expect(params.location.value).toBe('eastus');
    expect(d.depends_on).toEqual([expect.stringMatching(/azurerm_role_assignment\.q_storage-key-user_/)]);
    // The default provider: Microsoft's free plan, as in Microsoft's own template.
    expect(JSON.parse(d.template_content).resources[1].properties.providers).toEqual([{ providerId: 'Microsoft', providerSku: 'DZH3178M639F' }]);
  });

  test('a log workspace gets a diagnostic setting on the workspace id from the deployment outputs', () => {
    const { v } = build({ logAnalyticsWorkspaceId: '/subscriptions/x/resourceGroups/g/providers/Microsoft.OperationalInsights/workspaces/w' });
    const diag = v.list('azurerm_monitor_diagnostic_setting')[0];
    expect(diag.target_resource_id).toContain('jsondecode(azurerm_resource_group_template_deployment.q_deployment_');
    expect(diag.enabled_log).toEqual([{ category_group: 'allLogs' }]);
  });

  test('the template is static: the same providers give the same text', () => {
    expect(JSON.stringify(quantumTemplate([{ id: 'rigetti', sku: 'azure-quantum-credits' }]))).toBe(JSON.stringify(quantumTemplate([{ id: 'rigetti', sku: 'azure-quantum-credits' }])));
  });

  test.each([
    ['no providers', { providers: [] }, 'AIRA_E_MISSING_PROP'],
    ['a provider listed twice', { providers: [{ id: 'ionq', sku: 'a' }, { id: 'IonQ', sku: 'b' }] }, 'AIRA_E_INVALID_PROP'],
    ['a provider id with bad characters', { providers: [{ id: 'ion q', sku: 'a' }] }, 'AIRA_E_INVALID_PROP'],
    ['no key', { key: undefined }, 'AIRA_E_MISSING_PROP'],
  ] as Array<[string, Partial<QuantumWorkspaceProps>, string]>)('%s', (_n, props, code) => {
    expect(errorCodeOf(() => build(props))).toBe(code);
  });
});
