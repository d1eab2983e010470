// The batch runner's own vocabulary: how one submission is graded, and what a batch records per student.
import type { GradingReport } from '@gatecheck/grading';

/** The options a batch passes to the grade function (the shape of `gradeSubmission`'s options). */
export interface GradeOptions {
  /** fast-check seed; the course default when omitted. */
  seed?: number;
  /** Only these exercise folders (e.g. `02-lstm-gates`); every exercise when omitted. */
  exercises?: string[];
  /** Generated cases per check; the course default when omitted. */
  numRuns?: number;
  /** What the report's `submission` field says (the batch passes the student id). */
  submissionLabel?: string;
}

/** `gradeSubmission(dir, options)` from @gatecheck/course, or a stand-in with the same shape. */
export type GradeFunction = (dir: string, options?: GradeOptions) => Promise<GradingReport>;

/**
 * How one student's grading ended. `graded`: a report came back (it may still hold build errors per exercise).
 * `crashed`: the worker process died (out of memory, a native fault). `timeout`: the whole submission ran past
 * the batch's per-submission limit. `error`: the grader threw.
 */
export type StudentStatus = 'graded' | 'crashed' | 'timeout' | 'error';

/** One student's line in a batch. */
export interface StudentResult {
  /** The sub-folder's name. */
  student: string;
  status: StudentStatus;
  /** Why grading failed (one line), or null when graded. */
  message: string | null;
  /** The report; for a student that could not be graded, a zero report with no exercises. */
  report: GradingReport;
  /** Wall time spent grading this submission (the cached run's time when it came from the cache). */
  durationMs: number;
  /** True when the result was reused from an earlier run because nothing it depends on changed. */
  cached: boolean;
}
