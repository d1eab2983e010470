import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findExportSpans } from './function-spans.js';

const spansOf = (source: string) => findExportSpans(ts, source, 'entry.ts');

describe('findExportSpans', () => {
  it('should span `export function` from the export keyword to the closing brace, JSDoc excluded', () => {
    const source = [
      '/** The logistic function. */', // 1
      'export function sigmoid(x: number): number {', // 2
      '  // } a brace in a comment', // 3
      "  const s = '}'; const t = `${'}'}`; const r = /}/;", // 4
      '  return 1 / (1 + Math.exp(-x));', // 5
      '}', // 6
    ].join('\n');
    expect(spansOf(source)).toEqual({ byName: { sigmoid: { startLine: 2, endLine: 6 } }, star: null });
  });

  it('should span arrow functions and other `export const` bindings', () => {
    const source = [
      'export const tanh = (x: number): number =>', // 1
      '  Math.tanh(x);', // 2
      'export const a = (x: number) => x, b = function (y: number) {', // 3
      '  return y;', // 4
      '};', // 5
    ].join('\n');
    expect(spansOf(source).byName).toEqual({
      tanh: { startLine: 1, endLine: 2 },
      a: { startLine: 3, endLine: 3 },
      b: { startLine: 3, endLine: 5 },
    });
  });

  it('should follow `export { f }` and `export { g as f }` to the local declaration', () => {
    const source = [
      'function forget(x: number) {', // 1
      '  return x;', // 2
      '}', // 3
      'const input = (x: number) =>', // 4
      '  x;', // 5
      'export { forget as forgetGate, input };', // 6
    ].join('\n');
    expect(spansOf(source).byName).toEqual({ forgetGate: { startLine: 1, endLine: 3 }, input: { startLine: 4, endLine: 5 } });
  });

  it('should use the export statement for names re-exported from other files', () => {
    const source = [
      "import { sigmoid } from '../../01-activations/src/activations.js';", // 1
      "export { tanh as hyperbolic } from './helpers.js';", // 2
      'export { sigmoid };', // 3
      "export * from './more.js';", // 4
    ].join('\n');
    expect(spansOf(source)).toEqual({
      byName: { hyperbolic: { startLine: 2, endLine: 2 }, sigmoid: { startLine: 3, endLine: 3 } },
      star: { startLine: 4, endLine: 4 },
    });
  });

  it('should cover overloads and the implementation with one span and skip types, declarations and defaults', () => {
    const source = [
      'export function f(x: number): number;', // 1
      'export function f(x: string): string;', // 2
      'export function f(x: unknown) {', // 3
      '  return x;', // 4
      '}', // 5
      'export type Vector = number[];', // 6
      'export interface Gate { W: number[][] }', // 7
      'export declare function g(): void;', // 8
      'export default function h() {}', // 9
      'export type { Vector as V };', // 10
    ].join('\n');
    expect(spansOf(source)).toEqual({ byName: { f: { startLine: 1, endLine: 5 } }, star: null });
  });
});
