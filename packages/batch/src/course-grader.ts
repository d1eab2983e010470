// The grader module every batch worker loads by default: the course's own `gradeSubmission`.
export { gradeSubmission as grade } from '@gatecheck/course';
// Run by the worker before it exits, so the sandbox process it kept between submissions ends and is waited for.
export { closeSandboxProcesses as close } from '@gatecheck/course';
