export { type BatchOptions, type BatchProgress, type BatchSummary, BatchInputError, runBatch } from './run-batch.js';
export { type GradeFunction, type GradeOptions, type StudentResult, type StudentStatus } from './types.js';
export { renderGradesCsv, csvField, exerciseColumns } from './grades-csv.js';
export { renderReportHtml, type ReportHtmlOptions } from './report-html/render.js';
export { classStats, type ClassStats } from './report-html/class-stats.js';
export { hashSubmission } from './content-hash.js';
export { graderFingerprint } from './grader-fingerprint.js';
export { createProgressReporter, type ProgressReporterOptions } from './progress.js';
