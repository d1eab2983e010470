// Public surface of @gatecheck/kernels.
export { sigmoid, tanh } from './activations.js';
export * as lecture from './lecture-arrays.js';
export type { Vector, Matrix, Gate, LstmParams, GruParams } from './lecture-arrays.js';
