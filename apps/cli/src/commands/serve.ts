import type { Command } from '../cli-kit.js';

// Placeholder until its issue lands; replaced by the real command.
export const serve: Command = {
  name: 'serve',
  summary: '(not built yet)',
  help: 'usage: gatecheck serve\n\nNot built yet.',
  run() {
    console.error('gatecheck: "serve" is not built yet');
    return 1;
  },
};
