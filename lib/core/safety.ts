import { AcceleratorFamily } from './catalog/types';

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
}

/** CloudWatch namespace of the safety metrics. */
export const SAFETY_NAMESPACE = 'Aira/Accelerators';
/** Azure Monitor custom metric namespace of the safety metrics. */
export const SAFETY_AZURE_NAMESPACE = 'aira/accelerators';
/** Google Cloud Monitoring metric type prefix of the safety metrics. */
export const SAFETY_GCP_PREFIX = 'custom.googleapis.com/aira/';

export const SAFETY_METRICS = {
  /** Thermal overload protection: hottest GPU of a node. */
  gpuTemperature: {
    id: 'gpu_temperature_max',
    metricName: 'GpuTemperatureMax',
    unit: 'Celsius',
    source: 'NVIDIA DCGM field DCGM_FI_DEV_GPU_TEMP, maximum over the GPUs of the node',
    appliesTo: (p) => p.family === 'gpu',
    response: 'notify, and scale the pool in by the hot node so the scheduler drains it',
  },
  /** GPU hardware faults (XID events). */
  xidErrors: {
    id: 'gpu_xid_errors',
    metricName: 'GpuXidErrors',
    unit: 'Count',
    source: 'NVIDIA DCGM field DCGM_FI_DEV_XID_ERRORS, count per minute per node',
    appliesTo: (p) => p.family === 'gpu',
    response: 'notify; the node is cordoned by the node agent and replaced by the scaling group',
  },
  /** Neuron device hardware errors (Trainium, Inferentia). */
  neuronErrors: {
    id: 'neuron_hw_errors',
    metricName: 'NeuronHardwareErrors',
    unit: 'Count',
    source: 'AWS neuron-monitor hardware_ecc_events counters, per minute per node',
    appliesTo: (p) => p.family === 'trainium' || p.family === 'inferentia',
    response: 'notify; the node is cordoned by the node agent and replaced by the scaling group',
  },
  /** Simulated decoherence: error rate of the quantum simulator's noise model over the window. */
  decoherence: {
    id: 'qsim_decoherence_error_rate',
    metricName: 'QuantumDecoherenceErrorRate',
    unit: 'Ratio',
    source: 'the quantum simulator agent: fraction of circuits whose simulated decoherence exceeded the noise budget',
    appliesTo: (p) => p.simulates === 'quantum',
    response: 'notify, and stop queueing circuits to the pool until the rate falls',
  },
  /** Neuromorphic spike-rate limit: spikes per second per node. */
  spikeRate: {
    id: 'neuro_spike_rate',
    metricName: 'NeuromorphicSpikeRate',
    unit: 'Count/Second',
    source: 'the neuromorphic simulator agent: simulated spikes per second per node',
    appliesTo: (p) => p.simulates === 'neuromorphic',
    response: 'notify, and scale the pool in to shed runaway networks',
  },
} as const satisfies Record<string, SafetyMetric>;

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

/** The alarms a pool gets, with thresholds; none when alarms are disabled. */
export function planAlarms(pool: { family: AcceleratorFamily; simulates?: 'quantum' | 'neuromorphic' }, options: SafetyAlarmOptions = {}): PlannedAlarm[] {
  if (options.enabled === false) return [];
  return (Object.keys(SAFETY_METRICS) as SafetyMetricKey[])
    .filter((key) => SAFETY_METRICS[key].appliesTo(pool))
    .map((key) => ({ key, metric: SAFETY_METRICS[key], threshold: (options[OPTION[key]] as number | undefined) ?? DEFAULTS[key] }));
}
