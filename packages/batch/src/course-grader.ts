// The grader module every batch worker loads by default: the course's own `gradeSubmission`.
export { gradeSubmission as grade } from '@gatecheck/course';
