import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct } from 'constructs';
import { shortHash } from '../core/naming';

/**
 * Project roles every pool node needs, and nothing more: writing its logs and its metrics (the safety
 * metrics included). Roles from cloud.google.com/iam/docs/understanding-roles.
 */
export const NODE_PROJECT_ROLES = ['roles/logging.logWriter', 'roles/monitoring.metricWriter'] as const;
/** Read of a bucket's objects. */
export const BUCKET_READ_ROLE = 'roles/storage.objectViewer';
/** Read and write of a bucket's objects (no bucket settings, no IAM). */
export const BUCKET_READ_WRITE_ROLE = 'roles/storage.objectUser';

/**
 * A service account id: 6 to 30 lowercase letters, digits and `-`, starting with a letter
 * (cloud.google.com/iam/docs/service-accounts-create#creating). Long prefixes end in a hash of the
 * whole name, so two long names stay distinct.
 */
export function serviceAccountId(...parts: string[]): string {
  const full = parts.join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  let id = /^[a-z]/.test(full) ? full : `a-${full}`;
  if (id.length > 30) id = `${id.slice(0, 23).replace(/-+$/, '')}-${shortHash(full)}`;
  while (id.length < 6) id = `${id}-sa`;
  return id;
}

/** Props of `PoolServiceAccount`. */
export interface PoolServiceAccountProps {
  readonly project: string;
  readonly accountId: string;
  readonly displayName: string;
  /** Project roles beyond `NODE_PROJECT_ROLES` (GKE nodes need the default node role). @default none */
  readonly extraRoles?: readonly string[];
}

/**
 * The dedicated service account a pool's nodes run as. It holds the project roles in
 * `NODE_PROJECT_ROLES` and object access to the buckets it is granted; never the editor role the
 * Compute Engine default service account carries.
 */
export class PoolServiceAccount extends Construct {
  public readonly account: ServiceAccount;
  /** E-mail of the account. */
  public readonly email: string;
  /** IAM member string `serviceAccount:<email>`. */
  public readonly member: string;
  private readonly granted = new Set<string>();

  constructor(scope: Construct, id: string, private readonly props: PoolServiceAccountProps) {
    super(scope, id);
    this.account = new ServiceAccount(this, 'account', {
      project: props.project,
      accountId: props.accountId,
      displayName: props.displayName,
      description: 'Accelerator pool nodes: log and metric writer, object access to granted buckets only',
    });
    this.email = this.account.email;
    this.member = this.account.member;
    for (const role of [...NODE_PROJECT_ROLES, ...(props.extraRoles ?? [])]) {
      new ProjectIamMember(this, role.replace(/^roles\//, '').replace(/\./g, '-'), { project: props.project, role, member: this.member });
    }
  }

  /** Grants a role on one bucket (once per bucket and role). */
  public grantBucket(bucket: string, role: string): void {
    const key = `${bucket}|${role}`;
    if (this.granted.has(key)) return;
    this.granted.add(key);
    new StorageBucketIamMember(this, `bucket-${shortHash(key, 10)}`, { bucket, role, member: this.member });
  }

  /** The project the account lives in. */
  public get project(): string {
    return this.props.project;
  }
}
