import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { Construct, IConstruct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { IPlatformKey } from '../core/kit';
import { gcpName, namePrefix, shortHash } from '../core/naming';
import { oncePerStack } from '../core/once-per-stack';
import { GcpStack, gcpStackOf } from './stack';

/** Longest rotation period the library accepts: yearly, the most any compliance baseline allows. */
export const MAX_ROTATION_DAYS = 365;
/** Role that lets a service agent encrypt and decrypt with a key (cloud.google.com/kms/docs/reference/permissions-and-roles). */
export const KEY_USER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** Props of `GcpKey`. */
export interface GcpKeyProps {
  /** What the key protects, kept as the key's `purpose-note` label (shortened to a label value). @default none */
  readonly description?: string;
  /** Prefix of the key ring and key names. @default the construct id */
  readonly name?: string;
  /** Location of the key ring: a key encrypts only resources in its location. @default the stack's region */
  readonly location?: string;
  /** Days between automatic rotations, 1 to 365. @default 90 */
  readonly rotationDays?: number;
  /** Where key material lives: `SOFTWARE` or `HSM` (FIPS 140-2 level 3). @default 'SOFTWARE' */
  readonly protectionLevel?: 'SOFTWARE' | 'HSM';
  /** Days a destroyed key version stays recoverable, 1 to 120. @default 30 */
  readonly destroyScheduledDays?: number;
  /**
   * `lifecycle { prevent_destroy = true }` on the key ring and key. Every disk, bucket and file system
   * encrypted with the key becomes unreadable when it is destroyed. Key rings can never be deleted on
   * Google Cloud, and a key's name cannot be reused, so turning this off only lets Terraform schedule
   * the key versions for destruction. @default true
   */
  readonly preventDestroy?: boolean;
}

/** The Google service agents that use a customer-managed key on the project's behalf. */
export type ServiceAgent = 'compute' | 'gke' | 'storage' | 'filestore';

/**
 * A Cloud KMS key ring and symmetric key (`ENCRYPT_DECRYPT`) with automatic rotation, protected from
 * `terraform destroy`. Resources encrypted with it (disks, buckets, GKE secrets, file systems) need
 * their service agent granted `cryptoKeyEncrypterDecrypter` first: use `grantServiceAgent()`, which
 * the library's pools and storage tiers call themselves.
 *
 * Rotation: Cloud KMS rotates by creating a new primary version every `rotation_period`; older
 * versions stay to decrypt old data (cloud.google.com/kms/docs/key-rotation). Argument names from the
 * provider's google_kms_crypto_key docs (6.50.0).
 *
 * @example
 * const key = new GcpKey(stack, 'key', { description: 'ml platform data' });
 */
export class GcpKey extends Construct implements IPlatformKey {
  public readonly cloud = 'gcp' as const;
  public readonly keyRing: KmsKeyRing;
  public readonly cryptoKey: KmsCryptoKey;
  /** The crypto key id `projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>` (the `IPlatformKey` reference). */
  public readonly keyRef: string;
  /** Location of the key. */
  public readonly location: string;
  /** Rotation period in days. */
  public readonly rotationDays: number;

  constructor(scope: Construct, id: string, props: GcpKeyProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const stack = gcpStackOf(this);
    const prefix = namePrefix(props.name, id, where);
    this.location = props.location ?? stack.region;
    this.rotationDays = props.rotationDays ?? 90;
    if (!Number.isInteger(this.rotationDays) || this.rotationDays < 1 || this.rotationDays > MAX_ROTATION_DAYS) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `rotationDays ${String(this.rotationDays)} is not a whole number from 1 to ${MAX_ROTATION_DAYS}`, 'rotate at least yearly, for example rotationDays: 90');
    }
    const destroyDays = props.destroyScheduledDays ?? 30;
    // Cloud KMS accepts 24 hours to 120 days (cloud.google.com/kms/docs/destroy-restore#duration).
    if (!Number.isInteger(destroyDays) || destroyDays < 1 || destroyDays > 120) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `destroyScheduledDays ${String(destroyDays)} is not a whole number from 1 to 120`, 'leave it at 30 days');
    }
    const protectionLevel = props.protectionLevel ?? 'SOFTWARE';
    if (protectionLevel !== 'SOFTWARE' && protectionLevel !== 'HSM') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `protectionLevel "${String(protectionLevel)}" is not SOFTWARE or HSM`, "use 'SOFTWARE' or 'HSM'");
    }
    const lifecycle = { preventDestroy: props.preventDestroy ?? true };
    this.keyRing = new KmsKeyRing(this, 'ring', { name: gcpName(prefix, 'ring'), location: this.location, project: stack.project, lifecycle });
    this.cryptoKey = new KmsCryptoKey(this, 'key', {
      name: gcpName(prefix, 'key'),
      keyRing: this.keyRing.id,
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod: `${this.rotationDays * 86400}s`,
      destroyScheduledDuration: `${destroyDays * 86400}s`,
      versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel },
      ...(props.description ? { labels: { 'purpose-note': labelValue(props.description) } } : {}),
      lifecycle,
    });
    this.keyRef = this.cryptoKey.id;
  }

  /** Grants a Google service agent of the stack's project use of the key (once per agent). */
  public grantServiceAgent(agent: ServiceAgent): KmsCryptoKeyIamMember {
    return grantKeyUse(this, this, serviceAgentMember(this, agent), `agent:${agent}`);
  }
}

/** A label value: lowercase letters, digits, `-` and `_`, at most 63 characters (cloud.google.com/compute/docs/labeling-resources). */
function labelValue(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
}

/**
 * The key as a Google key, or AIRA_E_INVALID_PROP for a key of another cloud. Constructs take
 * `IPlatformKey` so a kit can hand them any platform key of this cloud.
 */
export function requireGcpKey(key: IPlatformKey | undefined, where: string): IPlatformKey {
  if (!key) throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no customer-managed key given', "create one with new GcpKey(stack, 'key') and pass it as key");
  if (key.cloud !== 'gcp') throw new AiraError(ErrorCodes.INVALID_PROP, where, `the key is a ${key.cloud} key`, 'pass a Cloud KMS key (GcpKey) of this stack');
  return key;
}

const grants = new WeakMap<GcpStack, Map<string, KmsCryptoKeyIamMember>>();

/**
 * Grants `member` encrypt/decrypt on a key, once per stack, key and member: several pools and tiers
 * sharing a key and a service agent share one binding. The binding is created under the stack so it
 * outlives any single construct that asked for it; its id comes from the key's construct path (or its
 * reference) and `memberLabel`, never from tokens, so output is the same on every run.
 *
 * @param memberLabel stable name of the member, for example `agent:compute`
 */
export function grantKeyUse(scope: IConstruct, key: IPlatformKey, member: string, memberLabel: string): KmsCryptoKeyIamMember {
  const stack = gcpStackOf(scope);
  let byKey = grants.get(stack);
  if (!byKey) {
    byKey = new Map();
    grants.set(stack, byKey);
  }
  const keyId = Construct.isConstruct(key) ? key.node.path : key.keyRef;
  const k = `${keyId}|${memberLabel}`;
  const existing = byKey.get(k);
  if (existing) return existing;
  const grant = new KmsCryptoKeyIamMember(stack, `aira-key-user-${shortHash(k, 10)}`, { cryptoKeyId: key.keyRef, role: KEY_USER_ROLE, member });
  byKey.set(k, grant);
  return grant;
}

/** The project's data source of a stack (one per stack), for the project number service agents are named by. */
export function projectData(scope: IConstruct): DataGoogleProject {
  return oncePerStack(gcpStackOf(scope), 'aira-project', DataGoogleProject, (stack, id) => new DataGoogleProject(stack, id, { projectId: stack.project }), scope.node.path);
}

/** Grants a Google service agent of the stack's project use of a key (once per stack, key and agent). */
export function grantServiceAgentKeyUse(scope: IConstruct, key: IPlatformKey, agent: ServiceAgent): KmsCryptoKeyIamMember {
  return grantKeyUse(scope, key, serviceAgentMember(scope, agent), `agent:${agent}`);
}

/**
 * The IAM member of a Google service agent of the stack's project:
 * - compute: `service-<number>@compute-system` encrypts persistent disks (cloud.google.com/compute/docs/disks/customer-managed-encryption)
 * - gke: `service-<number>@container-engine-robot` encrypts etcd secrets (cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets)
 * - storage: the Cloud Storage service agent, read from `google_storage_project_service_account` (cloud.google.com/storage/docs/encryption/using-customer-managed-keys)
 * - filestore: `service-<number>@cloud-filer` (cloud.google.com/filestore/docs/cmek)
 *
 * The project number and the storage agent come from data sources added once per stack.
 */
export function serviceAgentMember(scope: IConstruct, agent: ServiceAgent): string {
  const stack = gcpStackOf(scope);
  if (agent === 'storage') {
    const data = oncePerStack(stack, 'aira-gcs-agent', DataGoogleStorageProjectServiceAccount, (s, id) => new DataGoogleStorageProjectServiceAccount(s, id, { project: s.project }), scope.node.path);
    return `serviceAccount:${data.emailAddress}`;
  }
  const domain = { compute: 'compute-system', gke: 'container-engine-robot', filestore: 'cloud-filer' }[agent];
  return `serviceAccount:service-${projectData(scope).number}@${domain}.iam.gserviceaccount.com`;
}
