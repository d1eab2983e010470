/** A problem with what the caller asked for (a missing folder, an unknown exercise or check, a bad course config): one line for the user. */
export class CourseInputError extends Error {
  override name = 'CourseInputError';
}
