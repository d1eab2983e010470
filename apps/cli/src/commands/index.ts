// Every `gatecheck` command, in the order `--help` lists them. Each lives in its own file and is loaded only when
// it runs (or for the full `--help` list), so `grade` never pays for the bot's or the lab's dependencies.
import type { Command } from '../cli-kit.js';

export interface CommandEntry { name: string; load: () => Promise<Command> }

export const commands: CommandEntry[] = [
  { name: 'grade', load: async () => (await import('./grade.js')).grade },
  { name: 'batch', load: async () => (await import('./batch.js')).batch },
  { name: 'conformance', load: async () => (await import('./conformance.js')).conformance },
  { name: 'similarity', load: async () => (await import('./similarity.js')).similarity },
  { name: 'serve', load: async () => (await import('./serve.js')).serve },
  { name: 'gradebook', load: async () => (await import('./gradebook.js')).gradebook },
  { name: 'lab', load: async () => (await import('./lab.js')).lab },
];
