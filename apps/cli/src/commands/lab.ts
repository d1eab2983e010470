import type { Command } from '../cli-kit.js';

// Placeholder until its issue lands; replaced by the real command.
export const lab: Command = {
  name: 'lab',
  summary: '(not built yet)',
  help: 'usage: gatecheck lab\n\nNot built yet.',
  run() {
    console.error('gatecheck: "lab" is not built yet');
    return 1;
  },
};
