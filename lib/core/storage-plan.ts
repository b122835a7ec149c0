import { Cloud } from './catalog/types';
import { AiraError, ErrorCodes } from './errors';
import { TranslatedLifecycle, translateLifecycle } from './lifecycle';
import { checkReason, INetwork } from './network';
import { Plane, assertPlane } from './planes';
import {
  DATA_ROLES,
  DEFAULT_LIFECYCLE,
  DataRole,
  HotTierSpec,
  LOGGED_BY_DEFAULT,
  ObjectTierSpec,
  RETENTION_ROLES,
  RetentionSpec,
  StorageTiersProps,
  VERSIONED_BY_DEFAULT,
} from './storage';

/** One object storage role, checked and translated for the network's cloud. */
export interface PlannedObjectTier {
  readonly role: DataRole;
  readonly lifecycle: TranslatedLifecycle;
  readonly versioned: boolean;
  /** The checked immutability period, mode filled in. @default none: objects carry no retention lock */
  readonly retention?: Required<RetentionSpec>;
  readonly accessLogging: boolean;
}

/** The hot tier, checked against the network (sizes are checked by each cloud). */
export interface PlannedHotTier {
  readonly kind: 'lustre' | 'filestore';
  readonly capacityGib: number;
  readonly throughputMbpsPerTib: number;
  readonly consumers: readonly Plane[];
  readonly zone: string;
  readonly linkedRole: DataRole;
  readonly efa: boolean;
  readonly declareFlows: boolean;
}

/** Everything cloud-neutral about storage tiers, checked. */
export interface StoragePlan {
  readonly objectTiers: readonly PlannedObjectTier[];
  /** The checked hot tier. @default none: no parallel file system */
  readonly hot?: PlannedHotTier;
  /** Whether stateful resources get `prevent_destroy`. */
  readonly preventDestroy: boolean;
  /** The reasoned opt-out, when prevent_destroy is off. @default none: set only when `preventDestroy` is false */
  readonly protectionReason?: string;
}

/** Lustre's server port and the client ports its clients connect from (FSx, AMLFS and Google Managed Lustre document these). */
export const LUSTRE_PORTS = { server: 988, clientFrom: 1018, clientTo: 1023 } as const;

/**
 * Checks storage tier props against the network and translates lifecycle policies for its cloud.
 * Throws for a role repeated or unknown, a retention on a role that takes none, a retention that is
 * not whole days, a lifecycle out of order (AIRA_E_LIFECYCLE_ORDER), hot tier consumers that are not
 * planes of the network, a hot tier zone outside it, a linked role without a bucket, a protection
 * opt-out without a reason, and (with declareFlows: false) consumers without a declared flow.
 */
export function planStorage(props: StorageTiersProps, network: INetwork, where: string): StoragePlan {
  const cloud: Cloud = network.cloud;
  const specs: ObjectTierSpec[] = (props.objectTiers ?? DATA_ROLES).map((t) => (typeof t === 'string' ? { role: t } : t));
  const seen = new Set<DataRole>();
  const objectTiers = specs.map((t): PlannedObjectTier => {
    if (!(DATA_ROLES as readonly string[]).includes(t.role)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `"${String(t.role)}" is not a data role`, `use one of ${DATA_ROLES.join(', ')}`);
    }
    if (seen.has(t.role)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `role ${t.role} is listed twice`, 'list each role once');
    seen.add(t.role);
    const retention = t.retention ? checkRetention(t.role, t.retention, where) : undefined;
    const versioned = t.versioned ?? VERSIONED_BY_DEFAULT.includes(t.role);
    if (retention && !versioned) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `role ${t.role} has a retention lock but versioning off`, 'leave versioning on: every cloud\'s object lock needs it');
    }
    return {
      role: t.role,
      lifecycle: translateLifecycle(t.lifecycle ?? DEFAULT_LIFECYCLE[t.role], cloud, `${where} (${t.role})`),
      versioned,
      ...(retention ? { retention } : {}),
      accessLogging: t.accessLogging ?? LOGGED_BY_DEFAULT.includes(t.role),
    };
  });

  const protection = props.protection ?? { preventDestroy: true };
  let protectionReason: string | undefined;
  if (protection.preventDestroy === false) protectionReason = checkReason(protection.reason, where, 'turning prevent_destroy off');

  const hot = props.hot ? planHot(props.hot, network, seen, where) : undefined;
  return { objectTiers, ...(hot ? { hot } : {}), preventDestroy: protection.preventDestroy !== false, ...(protectionReason ? { protectionReason } : {}) };
}

function checkRetention(role: DataRole, r: RetentionSpec, where: string): Required<RetentionSpec> {
  if (!RETENTION_ROLES.includes(role)) {
    throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, `role ${role} cannot carry a retention lock`, `use retention on ${RETENTION_ROLES.join(' or ')} only`);
  }
  if (!Number.isInteger(r.days) || r.days < 1 || r.days > 36500) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `retention of ${r.days} days is not a whole number from 1 to 36500`, 'give the retention in whole days');
  }
  const mode = r.mode ?? 'governance';
  if (mode !== 'governance' && mode !== 'compliance') throw new AiraError(ErrorCodes.INVALID_PROP, where, `retention mode "${String(mode)}" is unknown`, "use 'governance' or 'compliance'");
  return { days: r.days, mode };
}

function planHot(h: HotTierSpec, network: INetwork, roles: Set<DataRole>, where: string): PlannedHotTier {
  const kind = h.kind ?? 'lustre';
  if (kind !== 'lustre' && kind !== 'filestore') throw new AiraError(ErrorCodes.INVALID_PROP, where, `hot tier kind "${String(kind)}" is unknown`, "use 'lustre' (or 'filestore' on Google Cloud)");
  if (kind === 'filestore' && network.cloud !== 'gcp') {
    throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, `filestore is a Google Cloud service; ${network.cloud} has none`, "use kind 'lustre'");
  }
  if (h.efa && network.cloud !== 'aws') throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, 'EFA-enabled file systems are an AWS FSx feature', 'leave efa out on this cloud');
  if (!Number.isInteger(h.capacityGib) || h.capacityGib < 1) throw new AiraError(ErrorCodes.STORAGE_SIZE, where, `capacityGib ${h.capacityGib} is not a whole number of GiB`, 'give the capacity in whole GiB');
  const consumers = [...(h.consumers ?? ['training'])].map((p) => assertPlane(p, where, network.planes));
  assertPlane('data', where, network.planes);
  const zone = h.zone ?? network.zones[0];
  if (!network.zones.includes(zone)) throw new AiraError(ErrorCodes.UNKNOWN_ZONE, where, `zone "${zone}" is not a zone of the network (${network.zones.join(', ')})`, 'use a zone of the network');
  const linkedRole = h.linkedRole ?? 'data-lake';
  if (!roles.has(linkedRole)) throw new AiraError(ErrorCodes.MISSING_PROP, where, `the hot tier links to ${linkedRole}, which has no bucket here`, `add ${linkedRole} to objectTiers or set linkedRole`);
  const declareFlows = h.declareFlows ?? true;
  if (!declareFlows) {
    const missing = consumers.filter((p) => p !== 'data' && !network.allows(p, 'data', LUSTRE_PORTS.server));
    if (missing.length > 0) {
      throw new AiraError(
        ErrorCodes.INVALID_FLOW,
        where,
        `the file system on the data plane is not reachable from ${missing.join(', ')}: no flow to port ${LUSTRE_PORTS.server} is declared`,
        `declare network.allow('${missing[0]}', 'data', ${LUSTRE_PORTS.server}, reason), or leave declareFlows on`,
      );
    }
  }
  return { kind, capacityGib: h.capacityGib, throughputMbpsPerTib: h.throughputMbpsPerTib ?? 250, consumers, zone, linkedRole, efa: h.efa ?? false, declareFlows };
}
