import { DiskEncryptionSet } from '@cdktf/provider-azurerm/lib/disk-encryption-set';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { azureName } from '../core/naming';
import { IAzureKey } from './key';

/** Props of `PoolDiskEncryption`. */
export interface PoolDiskEncryptionProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly key: IAzureKey;
}

/**
 * The pool's managed identities and disk encryption: a user-assigned identity the nodes act as (for
 * grants), and a disk encryption set with its own user-assigned identity, granted use of the key before
 * the set exists (a system-assigned identity could only be granted after, leaving a window in which the
 * first scale-out fails).
 *
 * The set uses `EncryptionAtRestWithPlatformAndCustomerKeys` (double encryption: the platform's key and
 * the customer's) and follows key rotation by itself (`auto_key_rotation_enabled` with the versionless
 * key id; learn.microsoft.com/azure/virtual-machines/disk-encryption#automatic-key-rotation-of-customer-managed-keys).
 */
export class PoolDiskEncryption extends Construct {
  /** The identity the nodes act as. */
  public readonly nodeIdentity: UserAssignedIdentity;
  /** The identity of the disk encryption set. */
  public readonly setIdentity: UserAssignedIdentity;
  public readonly keyGrant: RoleAssignment;
  public readonly set: DiskEncryptionSet;

  constructor(scope: Construct, id: string, props: PoolDiskEncryptionProps) {
    super(scope, id);
    const base = { location: props.location, resourceGroupName: props.resourceGroupName };
    this.nodeIdentity = new UserAssignedIdentity(this, 'nodes', { name: azureName(props.name, 'nodes', 'id'), ...base });
    this.setIdentity = new UserAssignedIdentity(this, 'des-identity', { name: azureName(props.name, 'des', 'id'), ...base });
    this.keyGrant = props.key.grantEncryptionUse(this, 'des-key-user', this.setIdentity.principalId);
    this.set = new DiskEncryptionSet(this, 'des', {
      name: azureName(props.name, 'des'),
      ...base,
      keyVaultKeyId: props.key.keyRef,
      autoKeyRotationEnabled: true,
      encryptionType: 'EncryptionAtRestWithPlatformAndCustomerKeys',
      identity: { type: 'UserAssigned', identityIds: [this.setIdentity.id] },
      dependsOn: [this.keyGrant],
    });
  }
}
