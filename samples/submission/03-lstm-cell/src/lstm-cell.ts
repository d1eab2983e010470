import {
  candidateCell, cellState, forgetGate, hiddenState, inputGate, outputGate, type Gate, type Vector,
} from '../../02-lstm-gates/src/lstm-gates.js';

export interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }

export function lstmCell(p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector): { h: Vector; c: Vector } {
  const f = forgetGate(p.f, hPrev, x);
  const i = inputGate(p.i, hPrev, x);
  const cTilde = candidateCell(p.c, hPrev, x);
  const c = cellState(f, cPrev, i, cTilde);
  const o = outputGate(p.o, hPrev, x);
  return { h: hiddenState(o, c), c };
}

export function lstmForward(p: LstmParams, xs: Vector[], h0: Vector, c0: Vector): { hs: Vector[]; h: Vector; c: Vector } {
  const hs: Vector[] = [];
  let state = { h: h0, c: c0 };
  for (const x of xs) {
    state = lstmCell(p, state.h, state.c, x);
    hs.push(state.h);
  }
  return { hs, h: state.h, c: state.c };
}
