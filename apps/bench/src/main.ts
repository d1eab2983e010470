// `pnpm bench <name> [options]`: runs apps/bench/src/benches/<name>.ts. To add a bench, add its file (exporting
// `description` and `run(args)`) and one line to BENCHES.
import { pathToFileURL } from 'node:url';
import { UsageError } from './lib/usage-error.js';

/** A bench module's shape. */
export interface Bench {
  description: string;
  run(args: string[]): Promise<void>;
}

const BENCHES: Record<string, () => Promise<Bench>> = {
  kernels: () => import('./benches/kernels.js'),
  lab: () => import('./benches/lab.js'),
  grading: () => import('./benches/grading.js'),
  batch: () => import('./benches/batch.js'),
  'bot-load': () => import('./benches/bot-load.js'),
};

function usage(): string {
  const names = Object.keys(BENCHES);
  return `usage: pnpm bench <name> [options]   (pnpm bench <name> --help for its options)\nbenches: ${names.join(', ')}`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    for (const [n, load] of Object.entries(BENCHES)) process.stdout.write(`  ${n.padEnd(10)} ${(await load()).description}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = BENCHES[name];
  if (!load) {
    process.stderr.write(`unknown bench "${name}"\n${usage()}\n`);
    return 2;
  }
  await (await load()).run(rest);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      if (err instanceof UsageError) {
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
