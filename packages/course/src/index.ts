export { type GradeSubmissionOptions, courseConfig, gradeSubmission } from './grade-submission.js';
export { type CourseConfig, DEFAULT_CONFIG_PATH, loadCourseConfig, parseCourseConfig } from './config.js';
export { courseDefinitions, exerciseIds, functionNames } from './definitions.js';
export { CourseInputError } from './errors.js';
export { provenance } from './provenance.js';
export { type SandboxOpener, closeSandboxProcesses, openSandbox } from './open-sandbox.js';
