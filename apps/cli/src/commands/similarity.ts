import type { Command } from '../cli-kit.js';

// Placeholder until its issue lands; replaced by the real command.
export const similarity: Command = {
  name: 'similarity',
  summary: '(not built yet)',
  help: 'usage: gatecheck similarity\n\nNot built yet.',
  run() {
    console.error('gatecheck: "similarity" is not built yet');
    return 1;
  },
};
