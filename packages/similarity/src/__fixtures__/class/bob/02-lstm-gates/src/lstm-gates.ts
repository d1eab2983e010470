import { sigmoid, tanh } from '../../01-activations/src/activations.js'

export type Vector = number[]
export type Matrix = number[][]
export interface Gate { W: Matrix; b: Vector }

/** Hidden state: h_t = o_t * tanh(C_t) (element-wise). */
export function hiddenState(outGate: Vector, cell: Vector): Vector
{
  let result: Vector = []
  for (let idx = 0; idx < outGate.length; idx++) { result.push(outGate[idx] * tanh(cell[idx])) }
  return result
}

function linear(gate: Gate, prevHidden: Vector, input: Vector): Vector
{
  let res: Vector = []
  for (let i = 0; i < gate.W.length; i++)
  {
    let w = gate.W[i]
    let sum = gate.b[i]
    for (let j = 0; j < prevHidden.length; j++) { sum += w[j] * prevHidden[j] }
    for (let j = 0; j < input.length; j++) { sum += w[prevHidden.length + j] * input[j] }
    res.push(sum)
  }
  return res
}

export function forgetGate(gate: Gate, prevHidden: Vector, input: Vector): Vector
{
  let z = linear(gate, prevHidden, input)
  let res: Vector = []
  for (let q of z) res.push(sigmoid(q))
  return res
}

export function inputGate(gate: Gate, prevHidden: Vector, input: Vector): Vector
{
  let z = linear(gate, prevHidden, input)
  let res: Vector = []
  for (let q of z) res.push(sigmoid(q))
  return res
}

/** Output gate */
export function outputGate(gate: Gate, prevHidden: Vector, input: Vector): Vector
{
  let z = linear(gate, prevHidden, input)
  let res: Vector = []
  for (let q of z) res.push(sigmoid(q))
  return res
}

export function candidateCell(gate: Gate, prevHidden: Vector, input: Vector): Vector
{
  let z = linear(gate, prevHidden, input)
  let res: Vector = []
  for (let q of z) res.push(tanh(q))
  return res
}

export function cellState(forget: Vector, prevCell: Vector, inp: Vector, cand: Vector): Vector
{
  let res: Vector = []
  for (let idx = 0; idx < forget.length; idx++) { res.push(forget[idx] * prevCell[idx] + inp[idx] * cand[idx]) }
  return res
}
