// The shared matrix-vector helper forgets b, so all four gates compute sigmoid/tanh(W . [h, x]).

type Vector = number[];
interface Gate { W: number[][]; b: Vector }

const sigmoid = (a: number): number => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));

function matVec(W: number[][], v: Vector): Vector {
  const out: Vector = [];
  for (let r = 0; r < W.length; r++) {
    let s = 0;
    for (let c = 0; c < v.length; c++) s += W[r]![c]! * v[c]!;
    out.push(s);
  }
  return out;
}

export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return matVec(p.W, hPrev.concat(x)).map(sigmoid);
}

export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return matVec(p.W, hPrev.concat(x)).map(sigmoid);
}

export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector {
  return matVec(p.W, hPrev.concat(x)).map(Math.tanh);
}

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return f.map((fk, k) => fk * cPrev[k]! + i[k]! * cTilde[k]!);
}

export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return matVec(p.W, hPrev.concat(x)).map(sigmoid);
}

export function hiddenState(o: Vector, c: Vector): Vector {
  return o.map((ok, k) => ok * Math.tanh(c[k]!));
}
