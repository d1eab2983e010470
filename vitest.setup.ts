// Reproducible properties: FC_SEED pins fast-check's seed (CI prints the one it used), FC_NUM_RUNS scales the run count.
import fc from 'fast-check';

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const numRuns = process.env.FC_NUM_RUNS === undefined ? undefined : Number(process.env.FC_NUM_RUNS);
fc.configureGlobal({
  ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
  ...(numRuns !== undefined && Number.isFinite(numRuns) ? { numRuns } : {}),
});
