// grading.md's JSON model, exactly the report object (non-finite numbers were already stored as strings).
import type { GradingReport } from '../report.js';

export function formatJson(report: GradingReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
