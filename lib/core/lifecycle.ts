import { Cloud } from './catalog/types';
import { AiraError, ErrorCodes } from './errors';

/**
 * How objects age, written once for every cloud: days after an object is written at which it moves to
 * an infrequent-access class, a cold class and an archive class, and when it expires. Each step is
 * optional; steps that are given must come in that order.
 *
 * @example
 * { infrequentAfterDays: 30, archiveAfterDays: 180, expireAfterDays: 730, noncurrentExpireAfterDays: 30 }
 */
export interface LifecyclePolicy {
  /** Move to the infrequent-access class (S3 Standard-IA or Intelligent-Tiering, Blob cool, GCS Nearline). @default never */
  readonly infrequentAfterDays?: number;
  /** Move to the cold class (S3 Glacier Instant Retrieval, Blob cold, GCS Coldline). @default never */
  readonly coldAfterDays?: number;
  /** Move to the archive class (S3 Glacier Deep Archive, Blob archive, GCS Archive). @default never */
  readonly archiveAfterDays?: number;
  /** Delete objects. @default never */
  readonly expireAfterDays?: number;
  /** Delete noncurrent versions this many days after they stop being current. @default never */
  readonly noncurrentExpireAfterDays?: number;
  /** AWS: use S3 Intelligent-Tiering for the infrequent step instead of Standard-IA. @default false */
  readonly intelligentTiering?: boolean;
}

/** A storage class move in a cloud's own terms. */
export interface ClassTransition {
  readonly afterDays: number;
  /** The cloud's class or tier name (`STANDARD_IA`, `cool`, `NEARLINE`, ...). */
  readonly storageClass: string;
}

/** A lifecycle policy in one cloud's terms. */
export interface TranslatedLifecycle {
  /** Class moves in the order infrequent, cold, archive (only the steps the policy gives). */
  readonly transitions: readonly ClassTransition[];
  /** Days after writing at which objects are deleted. @default none: objects never expire */
  readonly expireAfterDays?: number;
  /** Days after they stop being current at which noncurrent versions are deleted. @default none: noncurrent versions are kept */
  readonly noncurrentExpireAfterDays?: number;
}

type Step = 'infrequent' | 'cold' | 'archive';

interface ClassInfo {
  readonly name: string;
  /** Days an object is billed for at least, once in the class. */
  readonly minDays: number;
}

// Minimum storage durations:
// - S3: Standard-IA 30 days, Glacier Instant Retrieval 90, Glacier Deep Archive 180; Intelligent-Tiering
//   none; lifecycle cannot move objects to Standard-IA before day 30
//   (docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html).
// - Azure Blob: cool 30 days, cold 90, archive 180 (learn.microsoft.com/azure/storage/blobs/access-tiers-overview).
// - GCS: Nearline 30 days, Coldline 90, Archive 365 (cloud.google.com/storage/docs/storage-classes).
const CLASSES: Record<Cloud, Record<Step, ClassInfo>> = {
  aws: { infrequent: { name: 'STANDARD_IA', minDays: 30 }, cold: { name: 'GLACIER_IR', minDays: 90 }, archive: { name: 'DEEP_ARCHIVE', minDays: 180 } },
  azure: { infrequent: { name: 'cool', minDays: 30 }, cold: { name: 'cold', minDays: 90 }, archive: { name: 'archive', minDays: 180 } },
  gcp: { infrequent: { name: 'NEARLINE', minDays: 30 }, cold: { name: 'COLDLINE', minDays: 90 }, archive: { name: 'ARCHIVE', minDays: 365 } },
};
const AWS_INTELLIGENT_TIERING: ClassInfo = { name: 'INTELLIGENT_TIERING', minDays: 0 };

function bad(where: string, problem: string, fix: string): never {
  throw new AiraError(ErrorCodes.LIFECYCLE_ORDER, where, `lifecycle: ${problem}`, fix);
}

/**
 * Translates a lifecycle policy for one cloud and checks it: whole positive days, steps in order
 * (infrequent < cold < archive < expire), and every class kept at least its minimum storage duration
 * before the next step (moving or deleting sooner is billed as if it stayed). Throws
 * AIRA_E_LIFECYCLE_ORDER naming the step.
 */
export function translateLifecycle(policy: LifecyclePolicy, cloud: Cloud, where: string): TranslatedLifecycle {
  const classes = CLASSES[cloud];
  const steps: Array<{ step: Step; days: number; cls: ClassInfo }> = [];
  const add = (step: Step, days: number | undefined, cls: ClassInfo) => {
    if (days !== undefined) steps.push({ step, days, cls });
  };
  add('infrequent', policy.infrequentAfterDays, cloud === 'aws' && policy.intelligentTiering ? AWS_INTELLIGENT_TIERING : classes.infrequent);
  add('cold', policy.coldAfterDays, classes.cold);
  add('archive', policy.archiveAfterDays, classes.archive);
  const positive = (name: string, d: number | undefined) => {
    if (d !== undefined && (!Number.isInteger(d) || d < 1)) bad(where, `${name} ${d} is not a whole number of days >= 1`, 'use whole days, for example 30');
  };
  for (const s of steps) positive(`${s.step}AfterDays`, s.days);
  positive('expireAfterDays', policy.expireAfterDays);
  positive('noncurrentExpireAfterDays', policy.noncurrentExpireAfterDays);
  if (cloud === 'aws' && steps[0]?.cls.name === 'STANDARD_IA' && steps[0].days < 30) {
    bad(where, `S3 moves objects to STANDARD_IA no earlier than day 30; infrequentAfterDays is ${steps[0].days}`, 'use 30 days or more, or intelligentTiering: true');
  }
  const next = [...steps.map((s) => ({ label: `${s.step}AfterDays`, days: s.days })), ...(policy.expireAfterDays !== undefined ? [{ label: 'expireAfterDays', days: policy.expireAfterDays }] : [])];
  for (let i = 1; i < next.length; i++) {
    if (next[i].days <= next[i - 1].days) {
      bad(where, `${next[i].label} (${next[i].days}) is not after ${next[i - 1].label} (${next[i - 1].days})`, 'make the steps later in the order infrequent, cold, archive, expire');
    }
  }
  steps.forEach((s, i) => {
    const leaves = next[i + 1];
    if (leaves && leaves.days - s.days < s.cls.minDays) {
      bad(
        where,
        `objects would leave ${s.cls.name} after ${leaves.days - s.days} days, below its ${s.cls.minDays}-day minimum storage duration`,
        `set ${leaves.label} to at least ${s.days + s.cls.minDays}`,
      );
    }
  });
  return {
    transitions: steps.map((s) => ({ afterDays: s.days, storageClass: s.cls.name })),
    ...(policy.expireAfterDays !== undefined ? { expireAfterDays: policy.expireAfterDays } : {}),
    ...(policy.noncurrentExpireAfterDays !== undefined ? { noncurrentExpireAfterDays: policy.noncurrentExpireAfterDays } : {}),
  };
}
