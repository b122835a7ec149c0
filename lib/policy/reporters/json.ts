/** The versioned JSON report (schema: report.schema.json beside this file). */
import { ReportBundle } from '../report';

export function renderJson(bundle: ReportBundle): string {
  return `${JSON.stringify(bundle.report, null, 2)}\n`;
}
