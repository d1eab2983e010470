// The course's default path end to end: bundling and the isolate (no stand-in), on a correct submission and on
// files whose failures depend on what crosses the isolate's boundary (NaN from an overflow, a mutated argument).
import { describe, expect, it } from 'vitest';
import { assembleSubmission, expectFullMarks, expectMistakeCaught, mistakeFile, referenceFile } from '@gatecheck/grading/testing';
import { gradeSubmission } from './index.js';

describe('gradeSubmission through the isolate', () => {
  it('should give a correct 01–03 submission full marks and diagnose mistakes that cross the boundary', async () => {
    const correct = assembleSubmission({ exercises: {
      '01-activations': { 'src/activations.ts': referenceFile('01-activations') },
      '02-lstm-gates': { 'src/lstm-gates.ts': referenceFile('02-lstm-gates') },
      '03-lstm-cell': { 'src/lstm-cell.ts': referenceFile('03-lstm-cell') },
    } });
    const report = await gradeSubmission(correct, { exercises: ['01-activations', '02-lstm-gates', '03-lstm-cell'] });
    expectFullMarks(report);
    expect(report.exercises[1]!.functions!.forgetGate).toMatchObject({ file: '02-lstm-gates/src/lstm-gates.ts' });
    expect(report.timings!.totalMs).toBeGreaterThanOrEqual(report.timings!.checksMs);

    const buggy = assembleSubmission({ exercises: {
      '01-activations': { 'src/activations.ts': mistakeFile('01-activations', 'naive-exp-overflow') },
      '02-lstm-gates': { 'src/lstm-gates.ts': mistakeFile('02-lstm-gates', 'mutates-input') },
    } });
    const bad = await gradeSubmission(buggy, { exercises: ['01-activations', '02-lstm-gates'] });
    expectMistakeCaught(bad, '01-activations', { failing: { sigmoid: 'naive-exp-overflow', tanh: 'naive-exp-overflow' } });
    expectMistakeCaught(bad, '02-lstm-gates', { failing: { cellState: 'mutates-input' } });
  });
});
