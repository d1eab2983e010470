// The fast kernels (scalar and WebAssembly) inside the PyTorch-form modules against PyTorch itself: every bundled
// golden file (packages/kernels/fixtures/pytorch and pytorch-extra, PyTorch 1.13.1 in float64, see their READMEs),
// forward and every recorded gradient, within 1e-10 × max(1, |expected|), through the same checker `gatecheck
// conformance` uses.
import { describe, expect, it } from 'vitest';
import { EXTRA_FIXTURES_DIR, FIXTURES_DIR, goldenFileNames, readGolden } from '../__test-helpers__/fixtures.js';
import { checkGolden } from '../golden.js';
import { fastScalarKernels, fastWasmKernels } from './fast-kernels.js';

describe('the PyTorch golden files', () => {
  it('should be found', () => {
    expect(goldenFileNames().length).toBeGreaterThanOrEqual(15);
  });
});

describe.each([fastScalarKernels, fastWasmKernels])('$name kernels on the PyTorch golden files', (kernels) => {
  // The extra files (same script and conventions) add bias=false, relu, projections in stacked bidirectional layers.
  const files = [FIXTURES_DIR, EXTRA_FIXTURES_DIR].flatMap((dir) => goldenFileNames(dir).map((file) => ({ dir, file })));
  for (const { dir, file } of files) {
    it(`should match ${file} within 1e-10`, () => {
      const result = checkGolden(readGolden(file, dir), { kernels });
      expect(result.reason).toBeNull();
      expect(result.compared).toBeGreaterThan(0);
      expect(result.maxError, JSON.stringify(result.worst)).toBeLessThanOrEqual(1e-10);
    });
  }

  it('should fail when the kernels are off (the check can fail)', () => {
    const broken = { ...kernels, gruLayerForward: (a: Parameters<typeof kernels.gruLayerForward>[0]) => {
      const tape = kernels.gruLayerForward(a);
      a.hN[0]! += 1e-8;
      return tape;
    } };
    expect(checkGolden(readGolden('gru_1layer.json'), { kernels: broken }).pass).toBe(false);
  });
});
