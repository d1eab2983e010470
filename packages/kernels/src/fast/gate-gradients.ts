// The elementwise part of one backward step for one sequence of the batch (one row of H units), shared by the
// scalar fast path (../fast/*-layer-fast.ts, separate scratch arrays) and the WebAssembly one (wasm/backward-wasm.ts,
// everything in the module's memory): each array comes with the offset of the row in it.
import { tanhOneExp as tanh } from './tanh-one-exp.js';

/**
 * LSTM, gates i, f, g, o after their activations, C_t the new cell state. From dm = dL/dm_t (m_t = o * tanh(C_t))
 * and dcNext = dL/dC_t from the later step, writes the pre-activation gradients dA = [da_i, da_f, da_g, da_o] and
 * replaces dcNext with dL/dC_{t-1}.
 */
export function lstmRowGradients(
  H: number,
  gates: Float64Array, gRow: number, c: Float64Array, cRow: number, cPrev: Float64Array, cpRow: number,
  dM: Float64Array, mRow: number, dcNext: Float64Array, dcRow: number, dA: Float64Array, aRow: number,
): void {
  for (let k = 0; k < H; k++) {
    const i = gates[gRow + k]!;
    const f = gates[gRow + H + k]!;
    const gg = gates[gRow + 2 * H + k]!;
    const o = gates[gRow + 3 * H + k]!;
    const tc = tanh(c[cRow + k]!);
    const dm = dM[mRow + k]!;
    const dc = dcNext[dcRow + k]! + dm * o * (1 - tc * tc);
    dA[aRow + k] = dc * gg * i * (1 - i);
    dA[aRow + H + k] = dc * cPrev[cpRow + k]! * f * (1 - f);
    dA[aRow + 2 * H + k] = dc * i * (1 - gg * gg);
    dA[aRow + 3 * H + k] = dm * tc * o * (1 - o);
    dcNext[dcRow + k] = dc * f;
  }
}

/**
 * GRU, gates r, z, n after their activations, hn = W_hn h_{t-1} + b_hn. From dh = dL/dh_t, writes the input-side
 * pre-activation gradients dAi = [da_r, da_z, da_n], the hidden-side ones dAh = [da_r, da_z, da_n * r], and the
 * direct part of dL/dh_{t-1} (dh * z) into dhNext (the caller adds dAh·W_hh).
 */
export function gruRowGradients(
  H: number,
  dh: Float64Array, dRow: number, gates: Float64Array, gRow: number, hPrev: Float64Array, hpRow: number,
  hn: Float64Array, hnRow: number, dAi: Float64Array, iRow: number, dAh: Float64Array, hRow: number,
  dhNext: Float64Array, nextRow: number,
): void {
  for (let k = 0; k < H; k++) {
    const d = dh[dRow + k]!;
    const r = gates[gRow + k]!;
    const z = gates[gRow + H + k]!;
    const nn = gates[gRow + 2 * H + k]!;
    const daN = d * (1 - z) * (1 - nn * nn);
    const daZ = d * (hPrev[hpRow + k]! - nn) * z * (1 - z);
    const daR = daN * hn[hnRow + k]! * r * (1 - r);
    dAi[iRow + k] = daR;
    dAi[iRow + H + k] = daZ;
    dAi[iRow + 2 * H + k] = daN;
    dAh[hRow + k] = daR;
    dAh[hRow + H + k] = daZ;
    dAh[hRow + 2 * H + k] = daN * r;
    dhNext[nextRow + k] = d * z;
  }
}
