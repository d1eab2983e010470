// Every report format by name. A new format is one file in this folder plus one line in `formatters`.
import type { GradingReport } from '../report.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatText } from './text.js';
import { formatJunit } from './junit.js';
import { formatGradescope } from './gradescope.js';
import { formatGithub } from './github.js';

/** Renders a report; reads the report model only, never re-runs anything. */
export type ReportFormatter = (report: GradingReport) => string;

export const formatters: Record<string, ReportFormatter> = {
  text: formatText,
  json: formatJson,
  markdown: formatMarkdown,
  junit: formatJunit,
  gradescope: formatGradescope,
  github: formatGithub,
};

/** Names accepted by `formatReport` (and `gatecheck grade --format`). */
export const reportFormats = (): string[] => Object.keys(formatters);

/** Renders `report` in `format`; throws for an unknown format (callers turn that into a usage error). */
export function formatReport(report: GradingReport, format: string): string {
  const formatter = Object.hasOwn(formatters, format) ? formatters[format] : undefined;
  if (!formatter) throw new Error(`unknown format "${format}" (known: ${reportFormats().join(', ')})`);
  return formatter(report);
}

export { formatJson, formatMarkdown, formatText };
