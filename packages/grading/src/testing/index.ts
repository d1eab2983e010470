// `@gatecheck/grading/testing`: helpers that prove graders on real files (reference solutions, known-mistake
// student files, variants written in other styles) through the same runner `gatecheck grade` uses.
export { createInProcessSandbox, isNotImplementedMessage } from './in-process-sandbox.js';
export {
  type FileSource, type SubmissionFiles, assembleSubmission, entryOf, gradersWithReference, mistakeFile, mistakeFiles,
  referenceFile, referenceSubmission, repoRoot,
} from './submissions.js';
export { type SandboxFactory, type TestGradeOptions, gradeDirectory, setSandboxFactory, testSeed } from './grade-directory.js';
export {
  type MistakeExpectation, describeChecks, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf,
} from './expect-grader.js';
