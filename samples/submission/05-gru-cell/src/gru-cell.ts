import { candidateHidden, gruHidden, resetGate, updateGate, type Gate, type Vector } from '../../04-gru-gates/src/gru-gates.js';

export interface GruParams { z: Gate; r: Gate; h: Gate }

export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
  const z = updateGate(p.z, hPrev, x);
  const r = resetGate(p.r, hPrev, x);
  const hTilde = candidateHidden(p.h, r, hPrev, x);
  return gruHidden(z, hPrev, hTilde);
}

export function gruForward(p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } {
  const hs: Vector[] = [];
  let h = h0;
  for (const x of xs) {
    h = gruCell(p, h, x);
    hs.push(h);
  }
  return { hs, h: h.slice() };
}
