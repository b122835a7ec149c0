import { Cloud } from './types';

/** Average grid carbon intensity of a cloud region, with its source and year. */
export interface GridIntensity {
  readonly cloud: Cloud;
  readonly region: string;
  /** Location-based grid intensity, gCO2e per kWh. */
  readonly gco2PerKwh: number;
  /** The year or date the figure describes. */
  readonly asOf: string;
  readonly source: string;
}

// Google publishes its own hourly-averaged, location-based figure per region (2025 data).
const GOOGLE = 'https://cloud.google.com/sustainability/region-carbon (region-carbon-info 2025.csv)';
// For AWS and Azure regions: the Cloud Carbon Footprint methodology's emission factors (EPA eGRID for US
// regions by NERC region, EEA for EU, carbonfootprint.com 2021 data elsewhere).
const CCF = 'https://www.cloudcarbonfootprint.org/docs/methodology/ (Appendix V)';

/** Grid intensity per region. A region missing here has no figure: rules report `unknown` for it. */
export const GRID_INTENSITY: readonly GridIntensity[] = [
  { cloud: 'aws', region: 'us-east-1', gco2PerKwh: 379.1, asOf: '2021', source: CCF },
  { cloud: 'aws', region: 'us-east-2', gco2PerKwh: 410.6, asOf: '2021', source: CCF },
  { cloud: 'aws', region: 'us-west-2', gco2PerKwh: 322.2, asOf: '2021', source: CCF },
  { cloud: 'aws', region: 'eu-west-1', gco2PerKwh: 278.6, asOf: '2021', source: CCF },
  { cloud: 'aws', region: 'eu-central-1', gco2PerKwh: 311.0, asOf: '2021', source: CCF },
  { cloud: 'aws', region: 'eu-north-1', gco2PerKwh: 8.8, asOf: '2021', source: CCF },
  { cloud: 'aws', region: 'ap-northeast-1', gco2PerKwh: 465.8, asOf: '2021', source: CCF },
  { cloud: 'azure', region: 'eastus', gco2PerKwh: 379.1, asOf: '2021', source: CCF },
  { cloud: 'azure', region: 'eastus2', gco2PerKwh: 379.1, asOf: '2021', source: CCF },
  { cloud: 'azure', region: 'westus3', gco2PerKwh: 322.2, asOf: '2021', source: CCF },
  { cloud: 'azure', region: 'westeurope', gco2PerKwh: 328.4, asOf: '2021', source: CCF },
  { cloud: 'azure', region: 'northeurope', gco2PerKwh: 278.6, asOf: '2021', source: CCF },
  { cloud: 'azure', region: 'swedencentral', gco2PerKwh: 5.67, asOf: '2021', source: CCF },
  { cloud: 'gcp', region: 'us-central1', gco2PerKwh: 431.95, asOf: '2025', source: GOOGLE },
  { cloud: 'gcp', region: 'us-east4', gco2PerKwh: 343.48, asOf: '2025', source: GOOGLE },
  { cloud: 'gcp', region: 'us-east5', gco2PerKwh: 343.48, asOf: '2025', source: GOOGLE },
  { cloud: 'gcp', region: 'europe-west4', gco2PerKwh: 194.35, asOf: '2025', source: GOOGLE },
  { cloud: 'gcp', region: 'europe-north1', gco2PerKwh: 29.84, asOf: '2025', source: GOOGLE },
  { cloud: 'gcp', region: 'asia-northeast1', gco2PerKwh: 449.23, asOf: '2025', source: GOOGLE },
];

/** The grid intensity of a region, or undefined when the catalog has no figure for it. */
export function gridIntensity(cloud: Cloud, region: string): GridIntensity | undefined {
  return GRID_INTENSITY.find((g) => g.cloud === cloud && g.region === region);
}
