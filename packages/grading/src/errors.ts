/** A request the grader cannot carry out as asked (an unknown check id, a replay path that leads nowhere): one line for the user. */
export class GradingInputError extends Error {
  override name = 'GradingInputError';
}
