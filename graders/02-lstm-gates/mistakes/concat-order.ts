// The input is stacked first: W . [x_t, h_{t-1}] + b, in every gate.

type Vector = number[];
interface Gate { W: number[][]; b: Vector }

const sigmoid = (a: number): number => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));

function preActivation(p: Gate, hPrev: Vector, x: Vector): Vector {
  const xh = [...x, ...hPrev];
  return p.W.map((row, j) => {
    let s = p.b[j]!;
    for (let k = 0; k < xh.length; k++) s += row[k]! * xh[k]!;
    return s;
  });
}

export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return preActivation(p, hPrev, x).map(sigmoid);
}

export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return preActivation(p, hPrev, x).map(sigmoid);
}

export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector {
  return preActivation(p, hPrev, x).map(Math.tanh);
}

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return f.map((fk, k) => fk * cPrev[k]! + i[k]! * cTilde[k]!);
}

export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return preActivation(p, hPrev, x).map(sigmoid);
}

export function hiddenState(o: Vector, c: Vector): Vector {
  return o.map((ok, k) => ok * Math.tanh(c[k]!));
}
