// A long-dependency task: batches of sequences in PyTorch's (L, N, H_in) layout and a loss on the last step.

export interface Batch {
  /** Input, time-major (L, N, inputSize), row-major. */
  x: Float64Array;
  length: number;
  batch: number;
  /** Regression targets (N) or class indices (N). */
  target: Float64Array;
}

export interface Task {
  name: string;
  /** Human title for figures. */
  title: string;
  inputSize: number;
  /** Size of the readout: 1 for regression, the number of classes for classification. */
  outputSize: number;
  kind: 'regression' | 'classification';
  /** Sequence of the given dependency length (the distance between the relevant input and the answer). */
  sample(dependency: number, batch: number, random: import('../random.js').Random): Batch;
  /** Score where higher is better: accuracy (classification) or 1 - MSE / baseline MSE (regression). */
  scoreName: string;
  /** The level a model must reach to count as having solved the task. */
  solvedAt: number;
}
