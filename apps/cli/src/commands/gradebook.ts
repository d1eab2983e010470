import type { Command } from '../cli-kit.js';

// Placeholder until its issue lands; replaced by the real command.
export const gradebook: Command = {
  name: 'gradebook',
  summary: '(not built yet)',
  help: 'usage: gatecheck gradebook\n\nNot built yet.',
  run() {
    console.error('gatecheck: "gradebook" is not built yet');
    return 1;
  },
};
