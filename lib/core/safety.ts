import { AcceleratorFamily } from './catalog/types';
import { AiraError, ErrorCodes } from './errors';

/**
 * The custom metrics the safety alarms watch (the reference architecture's Level 4 safety mechanisms).
 * Node agents publish them; the library only creates the alarms. Each cloud names them by its own
 * rules: CloudWatch `Aira/Accelerators` + `metricName`; Azure Monitor custom metrics in namespace
 * `aira/accelerators`; Google Cloud Monitoring `custom.googleapis.com/aira/<id>`.
 */
export interface SafetyMetric {
  /** Stable id, also the Google metric suffix. */
  readonly id: string;
  /** CloudWatch and Azure metric name. */
  readonly metricName: string;
  readonly unit: string;
  /** Where the node agent reads the value. */
  readonly source: string;
  /** Pools the alarm applies to. */
  readonly appliesTo: (pool: { family: AcceleratorFamily; simulates?: 'quantum' | 'neuromorphic' }) => boolean;
  /** What the alarm does when it fires (documented response). */
  readonly response: string;
  /** How one evaluation window aggregates the node agents' samples (CloudWatch statistic, Azure aggregation, Google aligner). */
  readonly aggregation: 'max' | 'sum' | 'mean';
  /** Minutes the threshold must be breached before the alarm fires (1: the first breaching minute). */
  readonly sustainedMinutes: number;
  /** Whether the response includes scaling the pool in by one node (otherwise the alarm only notifies). */
  readonly scaleIn: boolean;
}

/** CloudWatch namespace of the safety metrics. */
export const SAFETY_NAMESPACE = 'Aira/Accelerators';
/** Azure Monitor custom metric namespace of the safety metrics. */
export const SAFETY_AZURE_NAMESPACE = 'aira/accelerators';
/** Google Cloud Monitoring metric type prefix of the safety metrics. */
export const SAFETY_GCP_PREFIX = 'custom.googleapis.com/aira/';

/**
 * The safety metrics, by key: what each measures, where the node agent reads it, which pools it
 * applies to, how it is aggregated and how long it must be breached, and the documented response.
 * `planAlarms` picks the ones that apply to a pool; each cloud's monitoring turns them into alarms.
 */
export const SAFETY_METRICS = {
  /** Thermal overload protection: hottest GPU of a node. */
  gpuTemperature: {
    id: 'gpu_temperature_max',
    metricName: 'GpuTemperatureMax',
    unit: 'Celsius',
    source: 'NVIDIA DCGM field DCGM_FI_DEV_GPU_TEMP, maximum over the GPUs of the node',
    appliesTo: (p) => p.family === 'gpu',
    response: 'notify, and scale the pool in by the hot node so the scheduler drains it',
    aggregation: 'max',
    sustainedMinutes: 3,
    scaleIn: true,
  },
  /** GPU hardware faults (XID events). */
  xidErrors: {
    id: 'gpu_xid_errors',
    metricName: 'GpuXidErrors',
    unit: 'Count',
    source: 'NVIDIA DCGM field DCGM_FI_DEV_XID_ERRORS, count per minute per node',
    appliesTo: (p) => p.family === 'gpu',
    response: 'notify; the node is cordoned by the node agent and replaced by the scaling group',
    aggregation: 'sum',
    sustainedMinutes: 1,
    scaleIn: false,
  },
  /** Neuron device hardware errors (Trainium, Inferentia). */
  neuronErrors: {
    id: 'neuron_hw_errors',
    metricName: 'NeuronHardwareErrors',
    unit: 'Count',
    source: 'AWS neuron-monitor hardware_ecc_events counters, per minute per node',
    appliesTo: (p) => p.family === 'trainium' || p.family === 'inferentia',
    response: 'notify; the node is cordoned by the node agent and replaced by the scaling group',
    aggregation: 'sum',
    sustainedMinutes: 1,
    scaleIn: false,
  },
  /** Simulated decoherence: error rate of the quantum simulator's noise model over the window. */
  decoherence: {
    id: 'qsim_decoherence_error_rate',
    metricName: 'QuantumDecoherenceErrorRate',
    unit: 'Ratio',
    source: 'the quantum simulator agent: fraction of circuits whose simulated decoherence exceeded the noise budget',
    appliesTo: (p) => p.simulates === 'quantum',
    response: 'notify, and stop queueing circuits to the pool until the rate falls',
    aggregation: 'mean',
    sustainedMinutes: 5,
    scaleIn: false,
  },
  /** Neuromorphic spike-rate limit: spikes per second per node. */
  spikeRate: {
    id: 'neuro_spike_rate',
    metricName: 'NeuromorphicSpikeRate',
    unit: 'Count/Second',
    source: 'the neuromorphic simulator agent: simulated spikes per second per node',
    appliesTo: (p) => p.simulates === 'neuromorphic',
    response: 'notify, and scale the pool in to shed runaway networks',
    aggregation: 'max',
    sustainedMinutes: 3,
    scaleIn: true,
  },
} as const satisfies Record<string, SafetyMetric>;

/** Key of one safety metric (`'gpuTemperature'`, `'xidErrors'`, ...), as `PlannedAlarm.key` holds it. */
export type SafetyMetricKey = keyof typeof SAFETY_METRICS;

/** Alarm thresholds. */
export interface SafetyAlarmOptions {
  /** Create the alarms. @default true */
  readonly enabled?: boolean;
  /** Hottest-GPU temperature that trips thermal overload protection, Celsius. @default 85 */
  readonly gpuTemperatureC?: number;
  /** XID errors per minute that trip the GPU fault alarm. @default 1 */
  readonly xidErrorsPerMinute?: number;
  /** Neuron hardware errors per minute. @default 1 */
  readonly neuronErrorsPerMinute?: number;
  /** Simulated decoherence error rate (0 to 1). @default 0.05 */
  readonly decoherenceErrorRate?: number;
  /** Spike rate limit per node, spikes per second. @default 1000000 */
  readonly spikeRatePerSecond?: number;
  /** E-mail addresses to notify. @default none (the alarm topic or action group has no subscribers) */
  readonly notifyEmails?: readonly string[];
}

/** One alarm a pool gets. */
export interface PlannedAlarm {
  readonly key: SafetyMetricKey;
  readonly metric: SafetyMetric;
  readonly threshold: number;
}

const DEFAULTS: Record<SafetyMetricKey, number> = {
  gpuTemperature: 85,
  xidErrors: 1,
  neuronErrors: 1,
  decoherence: 0.05,
  spikeRate: 1_000_000,
};

const OPTION: Record<SafetyMetricKey, keyof SafetyAlarmOptions> = {
  gpuTemperature: 'gpuTemperatureC',
  xidErrors: 'xidErrorsPerMinute',
  neuronErrors: 'neuronErrorsPerMinute',
  decoherence: 'decoherenceErrorRate',
  spikeRate: 'spikeRatePerSecond',
};

/** Upper bound of each threshold (the decoherence rate is a ratio). */
const MAX: Partial<Record<SafetyMetricKey, number>> = { decoherence: 1 };

// A deliberately plain address check: enough to catch a name or a list pasted where an address belongs.
const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;

/**
 * The alarms a pool gets, with thresholds; none when alarms are disabled. Throws AIRA_E_INVALID_PROP
 * at `where` for a threshold that is not a positive number (or a rate above 1), and for a notification
 * address that is not an e-mail address.
 */
export function planAlarms(pool: { family: AcceleratorFamily; simulates?: 'quantum' | 'neuromorphic' }, options: SafetyAlarmOptions = {}, where = 'alarms'): PlannedAlarm[] {
  for (const e of options.notifyEmails ?? []) {
    if (typeof e !== 'string' || !EMAIL.test(e)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `alarm notification address ${JSON.stringify(e)} is not an e-mail address`, 'list addresses such as oncall@example.com');
  }
  if (options.enabled === false) return [];
  return (Object.keys(SAFETY_METRICS) as SafetyMetricKey[])
    .filter((key) => SAFETY_METRICS[key].appliesTo(pool))
    .map((key) => {
      const given = options[OPTION[key]] as number | undefined;
      const threshold = given ?? DEFAULTS[key];
      const max = MAX[key] ?? Number.MAX_SAFE_INTEGER;
      if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0 || threshold > max) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `alarm threshold ${OPTION[key]} ${JSON.stringify(given)} is not a number above 0${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}`, `leave it out for the documented default (${DEFAULTS[key]})`);
      }
      return { key, metric: SAFETY_METRICS[key], threshold };
    });
}
