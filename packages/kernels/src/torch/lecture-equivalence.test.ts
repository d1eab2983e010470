// The lecture's LSTM is PyTorch's LSTMCell written with one matrix per gate: W = [W_hh | W_ih] (hidden columns
// first, as the slides' [h_{t-1}, x_t]) and b = b_ih + b_hh, with PyTorch's gate blocks stacked i, f, g, o.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomTensor, seeded } from '../__test-helpers__/modules.js';
import { lstmCell, type Gate, type LstmParams } from '../lecture-arrays.js';
import { LSTMCell } from './modules.js';

/** Gate block `block` (0 i, 1 f, 2 g, 3 o) of an LSTMCell's state dict in the lecture's single-matrix form. */
function lectureGate(sd: ReturnType<LSTMCell['stateDict']>, block: number, H: number, I: number): Gate {
  const W = Array.from({ length: H }, (_, r) => {
    const row = block * H + r;
    return [...sd.weight_hh!.data.subarray(row * H, row * H + H), ...sd.weight_ih!.data.subarray(row * I, row * I + I)];
  });
  const b = Array.from({ length: H }, (_, r) => sd.bias_ih!.data[block * H + r]! + sd.bias_hh!.data[block * H + r]!);
  return { W, b };
}

describe('lecture LSTM and PyTorch LSTMCell', () => {
  it('should agree under W = [W_hh | W_ih], b = b_ih + b_hh and the gate order i, f, g, o', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (H, I, seed) => {
      const random = seeded(seed);
      const cell = new LSTMCell({ inputSize: I, hiddenSize: H }, { random });
      const sd = cell.stateDict();
      const p: LstmParams = { i: lectureGate(sd, 0, H, I), f: lectureGate(sd, 1, H, I), c: lectureGate(sd, 2, H, I), o: lectureGate(sd, 3, H, I) };
      const x = randomTensor([I], random, 2);
      const h = randomTensor([H], random);
      const c = randomTensor([H], random, 2);
      const torch = cell.forward(x, { hx: h, cx: c });
      const lecture = lstmCell(p, Array.from(h.data), Array.from(c.data), Array.from(x.data));
      // Only the order of the sums differs: agreement to a few ulps.
      lecture.h.forEach((v, k) => expect(Math.abs(v - torch.h.data[k]!)).toBeLessThan(1e-14));
      lecture.c.forEach((v, k) => expect(Math.abs(v - torch.c!.data[k]!) / Math.max(1, Math.abs(v))).toBeLessThan(1e-14));
    }));
  });
});
