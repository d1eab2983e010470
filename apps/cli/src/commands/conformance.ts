import type { Command } from '../cli-kit.js';

// Placeholder until its issue lands; replaced by the real command.
export const conformance: Command = {
  name: 'conformance',
  summary: '(not built yet)',
  help: 'usage: gatecheck conformance\n\nNot built yet.',
  run() {
    console.error('gatecheck: "conformance" is not built yet');
    return 1;
  },
};
