/**
 * An argument PyTorch itself would reject (wrong shape, bad option, missing parameter). The message is one line,
 * worded like PyTorch's own, so a student who knows PyTorch recognises it.
 */
export class KernelArgumentError extends Error {
  override name = 'KernelArgumentError';
}
