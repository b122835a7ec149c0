import { StateBackend } from '../lib/core/backend';
import { AiraError, ErrorCodes } from '../lib/core/errors';

/**
 * The examples' documented switch for remote state. Unset: local state files. Otherwise:
 * - `AIRA_STATE_BACKEND=s3`, `AIRA_STATE_BUCKET`, `AIRA_STATE_REGION`
 * - `AIRA_STATE_BACKEND=azurerm`, `AIRA_STATE_RESOURCE_GROUP`, `AIRA_STATE_STORAGE_ACCOUNT`, `AIRA_STATE_CONTAINER`
 * - `AIRA_STATE_BACKEND=gcs`, `AIRA_STATE_BUCKET`
 * Each stack's state goes under its own key or prefix, `aira/<stack>`.
 */
export function backendFromEnv(env: NodeJS.ProcessEnv, stack: string): StateBackend | undefined {
  const need = (name: string): string => {
    const v = env[name];
    if (!v) throw new AiraError(ErrorCodes.MISSING_PROP, `AIRA_STATE_BACKEND=${env.AIRA_STATE_BACKEND}`, `${name} is not set`, `set ${name}, or unset AIRA_STATE_BACKEND for local state`);
    return v;
  };
  switch (env.AIRA_STATE_BACKEND) {
    case undefined:
    case '':
    case 'local':
      return undefined;
    case 's3':
      return StateBackend.s3({ bucket: need('AIRA_STATE_BUCKET'), region: need('AIRA_STATE_REGION'), key: `aira/${stack}.tfstate` });
    case 'azurerm':
      return StateBackend.azurerm({
        resourceGroupName: need('AIRA_STATE_RESOURCE_GROUP'),
        storageAccountName: need('AIRA_STATE_STORAGE_ACCOUNT'),
        containerName: need('AIRA_STATE_CONTAINER'),
        key: `aira/${stack}.tfstate`,
      });
    case 'gcs':
      return StateBackend.gcs({ bucket: need('AIRA_STATE_BUCKET'), prefix: `aira/${stack}` });
    default:
      throw new AiraError(ErrorCodes.INVALID_PROP, 'AIRA_STATE_BACKEND', `"${env.AIRA_STATE_BACKEND}" is not a state backend`, 'use local, s3, azurerm or gcs');
  }
}
