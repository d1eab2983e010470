// Known backward mistakes of exercise 08, each recomputed in the trusted process on the student's inputs.
// Diagnosis tries them in order and takes the first that reproduces every gradient the student returned on
// every observed input (packages/grading's diagnose): single mistakes first, then combinations, then the
// general overflow recogniser. Each explanation names the gradients the mistake corrupts.
import { GRADIENT_TOLERANCE, recognizeOverflow, type Mistake } from '@gatecheck/grading';
import type { LstmBackwardArgs, GruBackwardArgs } from './arbitraries.js';
import { gruBackwardIn, lstmBackwardIn } from './variants.js';

const overflowSeen = recognizeOverflow(GRADIENT_TOLERANCE);
const OVERFLOW = 'Some gradients are NaN or Infinity where the true ones are finite (tiny, or exactly 0, at saturated gates): ' +
  'an exp overflowed, in your forward recomputation or in a derivative such as exp(-a) / (1 + exp(-a))². Compute σ\'(a) as ' +
  's * (1 - s) from s = σ(a) (with a sigmoid that never exponentiates a positive number) and tanh\'(a) as 1 - t² from t = Math.tanh(a).';
const TRANSPOSED = 'Each dW must have W\'s shape, hidden x (hidden + input): dW[j][k] = da[j] * [h_{t-1}, x_t][k], the outer product ' +
  'da ⊗ [h_{t-1}, x_t]. Yours is its transpose, [h_{t-1}, x_t] ⊗ da (numpy\'s np.outer(v, da) habit).';
const NEGATED = 'Every gradient has the opposite sign: you returned the descent direction -dL/dθ. Return dL/dθ itself; the optimiser subtracts it.';

export const lstmMistakes: Mistake<LstmBackwardArgs>[] = [
  {
    id: 'gradient-sign',
    explanation: 'tanh\'s derivative is written tanh²(C_t) - 1; it is 1 - tanh²(C_t). So dh\'s share of dC_t has the wrong sign, ' +
      'and with it dcPrev, dParams.f, dParams.i, dParams.c and their parts of dx and dhPrev.',
    compute: lstmBackwardIn({ tanhC: 'sign' }),
  },
  {
    id: 'gradient-sign',
    explanation: 'σ\'(a) is written σ(σ - 1); it is σ(1 - σ). So the gates\' gradients dParams.f, dParams.i, dParams.o and their parts of dx and dhPrev have the wrong sign.',
    compute: lstmBackwardIn({ sigmoid: 'sign' }),
  },
  { id: 'gradient-sign', explanation: NEGATED, compute: lstmBackwardIn({ negated: true }) },
  {
    id: 'missing-tanh-derivative',
    explanation: 'dh reaches C_t through h_t = o_t * tanh(C_t), so its share of dC_t is dh * o_t * (1 - tanh²(C_t)); the factor ' +
      '1 - tanh²(C_t) is missing. That corrupts dcPrev, dParams.f, dParams.i, dParams.c and their parts of dx and dhPrev.',
    compute: lstmBackwardIn({ tanhC: 'missing' }),
  },
  {
    id: 'missing-tanh-derivative',
    explanation: 'The candidate is C~_t = tanh(a_c), so da_c = dC_t * i_t * (1 - C~_t²); the factor 1 - C~_t² is missing. ' +
      'That corrupts dParams.c and its part of dx and dhPrev.',
    compute: lstmBackwardIn({ candidate: 'missing' }),
  },
  {
    id: 'missing-tanh-derivative',
    explanation: 'Both tanh derivatives are missing: 1 - tanh²(C_t) on dh\'s path into C_t and 1 - C~_t² on the candidate.',
    compute: lstmBackwardIn({ tanhC: 'missing', candidate: 'missing' }),
  },
  { id: 'transposed-weight-gradient', explanation: TRANSPOSED, compute: lstmBackwardIn({ transposedW: true }) },
  {
    id: 'derivative-wrong-quantity',
    explanation: 'σ\'(a) = σ(a)(1 - σ(a)) is evaluated on the gate\'s output instead of its pre-activation: σ\'(f_t) where σ\'(a_f) belongs ' +
      '(f_t is already σ(a_f); use f_t * (1 - f_t)). That corrupts dParams.f, dParams.i, dParams.o and their parts of dx and dhPrev.',
    compute: lstmBackwardIn({ sigmoid: 'wrong-quantity' }),
  },
  {
    id: 'derivative-wrong-quantity',
    explanation: 'tanh\'(a) = 1 - tanh²(a) is evaluated on the candidate\'s output: 1 - tanh²(C~_t) where 1 - C~_t² belongs. That corrupts dParams.c and its part of dx and dhPrev.',
    compute: lstmBackwardIn({ candidate: 'wrong-quantity' }),
  },
  {
    id: 'derivative-wrong-quantity',
    explanation: 'The derivative helpers are handed the gates\' outputs instead of their pre-activations: σ\'(f_t) where σ\'(a_f) belongs ' +
      '(use f_t * (1 - f_t)), and 1 - tanh²(C~_t) where 1 - C~_t² belongs. That corrupts every dParams and dx and dhPrev.',
    compute: lstmBackwardIn({ sigmoid: 'wrong-quantity', candidate: 'wrong-quantity' }),
  },
  {
    id: 'derivative-wrong-quantity',
    explanation: 'The derivative helpers are handed activations\' outputs instead of their inputs (σ\'(f_t), 1 - tanh²(C~_t), 1 - tanh²(tanh C_t)); ' +
      'each factor must be computed from what went into the activation, or directly from its output: f(1 - f), 1 - C~², 1 - tanh²(C_t).',
    compute: lstmBackwardIn({ sigmoid: 'wrong-quantity', candidate: 'wrong-quantity', tanhC: 'wrong-quantity' }),
  },
  {
    id: 'derivative-wrong-quantity',
    explanation: 'tanh\'s derivative on dh\'s path into C_t is evaluated on tanh(C_t) instead of C_t: 1 - tanh²(tanh C_t) where 1 - tanh²(C_t) belongs. ' +
      'That corrupts dcPrev, dParams.f, dParams.i, dParams.c and their parts of dx and dhPrev.',
    compute: lstmBackwardIn({ tanhC: 'wrong-quantity' }),
  },
  {
    id: 'dcprev-missing-hidden-path',
    explanation: 'dC_t is taken to be dc alone, but C_t also reaches the loss through h_t = o_t * tanh(C_t): dC_t = dc + dh * o_t * (1 - tanh²(C_t)). ' +
      'Without that share dcPrev, dParams.f, dParams.i, dParams.c and their parts of dx and dhPrev are wrong.',
    compute: lstmBackwardIn({ hiddenPath: 'nowhere' }),
  },
  {
    id: 'dcprev-missing-hidden-path',
    explanation: 'dcPrev is computed as dc * f_t, but C_t also reaches the loss through h_t: dcPrev = (dc + dh * o_t * (1 - tanh²(C_t))) * f_t, ' +
      'the same total dC_t your gate gradients already use.',
    compute: lstmBackwardIn({ hiddenPath: 'not-in-dcprev' }),
  },
  {
    id: 'dhprev-missing-path',
    explanation: 'The output gate\'s W_o^T da_o is left out of d[h_{t-1}, x_t]. Every gate reads [h_{t-1}, x_t], so dhPrev and dx are the sum ' +
      'of W_g^T da_g over all four gates f, i, c, o — including o, which does not feed C_t but does read h_{t-1} and x_t.',
    compute: lstmBackwardIn({ dropInputPath: ['o'] }),
  },
  { id: 'naive-exp-overflow', explanation: OVERFLOW, recognize: overflowSeen, compute: lstmBackwardIn({}) },
];

export const gruMistakes: Mistake<GruBackwardArgs>[] = [
  {
    id: 'gradient-sign',
    explanation: 'dh_t/dz_t is taken as h_{t-1} - h~_t; since h_t = (1 - z_t) h_{t-1} + z_t h~_t it is h~_t - h_{t-1}. ' +
      'That flips dParams.z and its part of dx and dhPrev.',
    compute: gruBackwardIn({ updateSign: true }),
  },
  {
    id: 'gradient-sign',
    explanation: 'σ\'(a) is written σ(σ - 1); it is σ(1 - σ). So dParams.z, dParams.r and their parts of dx and dhPrev have the wrong sign.',
    compute: gruBackwardIn({ sigmoid: 'sign' }),
  },
  { id: 'gradient-sign', explanation: NEGATED, compute: gruBackwardIn({ negated: true }) },
  {
    id: 'missing-tanh-derivative',
    explanation: 'The candidate is h~_t = tanh(a_h), so da_h = dh * z_t * (1 - h~_t²); the factor 1 - h~_t² is missing. ' +
      'That corrupts dParams.h, and through it dParams.r, dx and dhPrev.',
    compute: gruBackwardIn({ candidate: 'missing' }),
  },
  { id: 'transposed-weight-gradient', explanation: TRANSPOSED, compute: gruBackwardIn({ transposedW: true }) },
  {
    id: 'derivative-wrong-quantity',
    explanation: 'σ\'(a) = σ(a)(1 - σ(a)) is evaluated on the gate\'s output: σ\'(z_t) where σ\'(a_z) belongs (z_t is already σ(a_z); ' +
      'use z_t * (1 - z_t)). That corrupts dParams.z, dParams.r and their parts of dx and dhPrev.',
    compute: gruBackwardIn({ sigmoid: 'wrong-quantity' }),
  },
  {
    id: 'derivative-wrong-quantity',
    explanation: 'tanh\'(a) = 1 - tanh²(a) is evaluated on the candidate\'s output: 1 - tanh²(h~_t) where 1 - h~_t² belongs. ' +
      'That corrupts dParams.h, and through it dParams.r, dx and dhPrev.',
    compute: gruBackwardIn({ candidate: 'wrong-quantity' }),
  },
  {
    id: 'derivative-wrong-quantity',
    explanation: 'The derivative helpers are handed the gates\' outputs instead of their pre-activations: σ\'(z_t) where σ\'(a_z) belongs ' +
      '(use z_t * (1 - z_t)), and 1 - tanh²(h~_t) where 1 - h~_t² belongs. That corrupts every dParams and dx and dhPrev.',
    compute: gruBackwardIn({ sigmoid: 'wrong-quantity', candidate: 'wrong-quantity' }),
  },
  {
    id: 'dhprev-missing-path',
    explanation: 'dhPrev keeps only the direct path h_t = (1 - z_t) h_{t-1} + ..., but h_{t-1} is also an input of z_t, r_t and the candidate: ' +
      'dhPrev = dh * (1 - z_t) + r_t * d(r_t h_{t-1}) + (W_z^T da_z + W_r^T da_r)[:hidden].',
    compute: gruBackwardIn({ dhPrev: 'direct-only' }),
  },
  {
    id: 'dhprev-missing-path',
    explanation: 'dhPrev misses the path through the candidate\'s input r_t * h_{t-1}: add r_t * d(r_t h_{t-1}), where d(r_t h_{t-1}) is the first hidden entries of W_h^T da_h.',
    compute: gruBackwardIn({ dhPrev: 'no-reset-product' }),
  },
  {
    id: 'dhprev-missing-path',
    explanation: 'dhPrev misses the paths through the gates: z_t and r_t read h_{t-1} too, so add the first hidden entries of W_z^T da_z + W_r^T da_r.',
    compute: gruBackwardIn({ dhPrev: 'no-gate-inputs' }),
  },
  {
    id: 'candidate-gradient-ungated',
    explanation: 'dParams.h.W is formed with [h_{t-1}, x_t], but the candidate read [r_t * h_{t-1}, x_t]: dW_h = da_h ⊗ [r_t * h_{t-1}, x_t].',
    compute: gruBackwardIn({ ungatedCandidateInput: true }),
  },
  { id: 'naive-exp-overflow', explanation: OVERFLOW, recognize: overflowSeen, compute: gruBackwardIn({}) },
];
