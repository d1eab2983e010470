import type { Command } from '../cli-kit.js';

// Placeholder until its issue lands; replaced by the real command.
export const batch: Command = {
  name: 'batch',
  summary: '(not built yet)',
  help: 'usage: gatecheck batch\n\nNot built yet.',
  run() {
    console.error('gatecheck: "batch" is not built yet');
    return 1;
  },
};
