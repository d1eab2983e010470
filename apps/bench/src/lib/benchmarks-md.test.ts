import { describe, expect, it } from 'vitest';
import { replaceSection } from './benchmarks-md.js';

describe('replaceSection', () => {
  it('should start a new file with the conventions header and the section', () => {
    const out = replaceSection('', 'Kernels', 'table');
    expect(out.startsWith('# Benchmarks\n')).toBe(true);
    expect(out).toContain('\n## Kernels\n\ntable\n');
  });

  it('should replace only its own section and keep the others and their order', () => {
    const before = '# Benchmarks\n\nintro\n\n## Batch\n\nbatch numbers\n\n## Kernels\n\nold\n### sub\nold too\n\n## Lab training\n\nlab numbers\n';
    const out = replaceSection(before, 'Kernels', 'new');
    expect(out).toBe('# Benchmarks\n\nintro\n\n## Batch\n\nbatch numbers\n\n## Kernels\n\nnew\n\n## Lab training\n\nlab numbers\n');
  });

  it('should append a section that is not there yet', () => {
    const out = replaceSection('# Benchmarks\n\n## Batch\n\nx\n', 'Kernels', 'y');
    expect(out).toBe('# Benchmarks\n\n## Batch\n\nx\n\n## Kernels\n\ny\n');
  });
});
