import type { Command } from '../cli-kit.js';

// Placeholder until its issue lands; replaced by the real command.
export const grade: Command = {
  name: 'grade',
  summary: '(not built yet)',
  help: 'usage: gatecheck grade\n\nNot built yet.',
  run() {
    console.error('gatecheck: "grade" is not built yet');
    return 1;
  },
};
