// Runs one check: fast-check generates argument tuples, the student's function runs in the sandbox, the
// reference runs here, and a failure is shrunk, explained and (when a known mistake fits) diagnosed.
import fc from 'fast-check';
import type { CallOutcome, Sandbox } from './sandbox-types.js';
import { encodedValueOf } from '@gatecheck/sandbox';
import { allClose, compareValues, deepEqualExact, describeShape, sameShape, SHAPE_ONLY, type Comparison } from './allclose.js';
import { closeEncoded } from './close-encoded.js';
import { VALUE_TOLERANCE, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition, type Mistake, type Tolerance } from './definition.js';
import { diagnose, type Observation, type Prediction } from './diagnose.js';
import { formatInput, formatWorst, plural } from './feedback.js';
import type { CheckReport, CheckStatus, Counterexample, MisconceptionId } from './report.js';
import { replayCommand } from './replay.js';
import { compactPath, expandPath } from './replay-path.js';
import { GradingInputError } from './errors.js';
import { drawInputs, inputsKeyOf, Rounds, type Drawn, type Reference } from './rounds.js';
import { deriveSeed } from './seed.js';
import { shrinkRoot, type ShrinkNode } from './shrink-tree.js';
import { formatValue, reportableResult, toJsonSafe } from './values.js';

export interface CheckRun {
  exercise: ExerciseDefinition;
  fn: FunctionDefinition;
  check: CheckDefinition;
  /** `<exercise>/<function>/<kind>` */
  checkId: string;
  sandbox: Sandbox;
  /** The run's seed; the check's fast-check seed is derived from it and `checkId`. */
  seed: number;
  numRuns: number;
  /** fast-check path to replay, plain or run-length encoded (only meaningful with the seed it was found under). */
  path?: string | undefined;
  /** The submission as the user named it (for the replay command). */
  submission: string;
  /** Points of this check after the course configuration's rescaling. */
  maxScore: number;
  /** Extra generated inputs the student's function is called on when diagnosing (default 4). */
  diagnosisInputs?: number;
  /** Rounds shared by the function's checks (checks drawing the same inputs reuse one); a fresh one per check without. */
  rounds?: Rounds;
  /**
   * Outcomes by call key (call-key.ts), shared by checks drawing the same inputs: their shrinking walks mostly the
   * same candidates, which then run once.
   */
  memo?: Map<string, CallOutcome>;
}

type OkOutcome = Extract<CallOutcome, { kind: 'ok' }>;
type ThrewOutcome = Extract<CallOutcome, { kind: 'threw' }>;
type FatalOutcome = Exclude<CallOutcome, OkOutcome | ThrewOutcome>;

type Failure =
  | { kind: 'values'; comparison: Exclude<Comparison, { ok: true }> }
  | { kind: 'shape'; path: string; expectedShape: string; actualShape: string }
  | { kind: 'purity'; path: string; before: unknown; after: unknown };

type Judgement =
  | { kind: 'pass' }
  | { kind: 'fail'; args: unknown[]; expected: unknown; outcome: OkOutcome; failure: Failure }
  | { kind: 'threw'; args: unknown[]; expected: unknown; outcome: ThrewOutcome }
  | { kind: 'fatal'; args: unknown[]; outcome: FatalOutcome };

const named = (argNames: string[], args: unknown[]): Record<string, unknown> =>
  Object.fromEntries(args.map((a, k) => [argNames[k] ?? `arg${k}`, a]));

/** The keys of a path such as `dParams.f.W[0]`, parsed once per path (a check's `part` is read for every outcome). */
const pathKeys = new Map<string, string[]>();

function keysOf(path: string): string[] {
  let keys = pathKeys.get(path);
  if (keys === undefined) {
    keys = [...path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2]!);
    // Report paths of failures are read here too; those are few, but keep the map bounded anyway.
    if (pathKeys.size >= 10_000) pathKeys.clear();
    pathKeys.set(path, keys);
  }
  return keys;
}

function valueAt(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const key of keysOf(path)) {
    // Own keys only: a student's result lacking `dx` must not be read as Object.prototype's members.
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The part of a result the check judges (the whole result unless it names a `part`). */
const partOf = (check: CheckDefinition, result: unknown): unknown =>
  check.part === undefined ? result : valueAt(result, check.part);

/** A path inside the judged part as a path inside the whole result: `[0][1]` in `dParams.f.W` → `dParams.f.W[0][1]`. */
function inPart(part: string | undefined, path: string): string {
  if (part === undefined) return path;
  if (path === '' || path === '(result)') return part;
  return path.startsWith('[') ? `${part}${path}` : `${part}.${path}`;
}

/** The key the check's inputs are drawn under: checks sharing inputs (`sameInputsAs`) draw the same ones. */
const inputsKey = (run: CheckRun): string => inputsKeyOf(run.exercise.id, run.fn.name, run.check);

function judge(run: CheckRun, args: unknown[]): Judgement {
  const { check, exercise, fn, sandbox } = run;
  const outcome = sandbox.call(exercise.id, fn.name, args);
  if (outcome.kind !== 'ok' && outcome.kind !== 'threw') return { kind: 'fatal', args, outcome };
  return judgeCall(check, args, check.expected(...structuredClone(args)), outcome);
}

function judgeCall(check: CheckDefinition, args: unknown[], expected: unknown, outcome: OkOutcome | ThrewOutcome): Judgement {
  if (outcome.kind === 'threw') return { kind: 'threw', args, expected, outcome };
  try {
    return judgeOutcome(check, args, expected, outcome);
  } catch (error) {
    // Comparing the student's (sandbox-copied, depth-limited) result should not throw; if something in it still
    // defeats the comparison, that is the student's result being unusable, not a grader bug.
    if (!(error instanceof RangeError)) throw error;
    return { kind: 'fail', args, expected, outcome, failure: { kind: 'shape', path: '(result)',
      expectedShape: describeShape(partOf(check, expected)), actualShape: 'a value too deeply nested to compare' } };
  }
}

function judgeOutcome(check: CheckDefinition, args: unknown[], expected: unknown, outcome: OkOutcome): Judgement {
  const mode = check.compare ?? 'values';
  if (mode === 'purity') {
    // The sandbox hands back the caller's own list when the call left its arguments as they came (the usual case).
    if (outcome.argsAfter === args) return { kind: 'pass' };
    const eq = deepEqualExact(named(check.argNames, args), named(check.argNames, outcome.argsAfter));
    if (eq.equal) return { kind: 'pass' };
    return { kind: 'fail', args, expected, outcome, failure: { kind: 'purity', path: eq.path,
      before: valueAt(named(check.argNames, args), eq.path), after: valueAt(named(check.argNames, outcome.argsAfter), eq.path) } };
  }
  const want = partOf(check, expected);
  // Most results pass: judged on the sandbox's words, they are never decoded (only a failure needs the value).
  const encoded = encodedValueOf(outcome);
  const keys = check.part === undefined ? undefined : keysOf(check.part);
  if (mode === 'shape') {
    if (encoded !== undefined && closeEncoded(want, encoded, SHAPE_ONLY, true, keys)) return { kind: 'pass' };
    const s = sameShape(want, partOf(check, outcome.value));
    return s.ok ? { kind: 'pass' } : { kind: 'fail', args, expected, outcome, failure: { kind: 'shape', ...s } };
  }
  const tolerance = check.tolerance ?? VALUE_TOLERANCE;
  if (encoded !== undefined && closeEncoded(want, encoded, tolerance, false, keys)) return { kind: 'pass' };
  const got = partOf(check, outcome.value);
  if (allClose(want, got, tolerance)) return { kind: 'pass' };
  const c = compareValues(want, got, tolerance);
  return c.ok ? { kind: 'pass' } : { kind: 'fail', args, expected, outcome, failure: { kind: 'values', comparison: c } };
}

const isFatal = (o: CallOutcome): o is FatalOutcome => o.kind !== 'ok' && o.kind !== 'threw';

/** What the search over generated inputs found. */
interface Search {
  fatal: Extract<Judgement, { kind: 'fatal' }> | null;
  failure: Extract<Judgement, { kind: 'fail' | 'threw' }> | null;
  /** fast-check's path to the (shrunk) failure. */
  path: string | undefined;
  /** Inputs the student's function was judged on, shrinking included. */
  ran: number;
}

/** fast-check's search, one call at a time: every generated input judged in turn, then the first failure shrunk. Replays `--path`. */
function searchWithFastCheck(run: CheckRun, numRuns: number, path: string | undefined): Search {
  let fatal: Search['fatal'] = null;
  let lastFailure: Search['failure'] = null;
  let internal: unknown = null;
  let ran = 0;
  const property = fc.property(run.check.arbitrary, (args: unknown[]) => {
    // Once the function cannot be called meaningfully (stub, endless loop, missing export) every later case
    // would say the same: stop calling it and let fast-check finish its (cheap) generation.
    if (fatal !== null || internal !== null) return true;
    let j: Judgement;
    try {
      j = judge(run, args);
    } catch (error) {
      internal = error;
      return true;
    }
    ran++;
    if (j.kind === 'fatal') { fatal = j; return true; }
    if (j.kind === 'pass') return true;
    lastFailure = j;
    return false;
  });
  const details = fc.check(property, { seed: deriveSeed(run.seed, inputsKey(run)), numRuns, ...(path !== undefined ? { path } : {}) });
  if (internal !== null) throw new Error(`grader bug in ${run.checkId}: ${internal instanceof Error ? internal.message : String(internal)}`);
  if (run.path !== undefined && details.numRuns === 0 && !details.failed) {
    throw new GradingInputError(`--path ${run.path} leads to no input of ${run.checkId} (copy it from a report made with the same --seed)`);
  }
  return { fatal, failure: details.failed ? lastFailure : null, path: details.counterexamplePath ?? undefined, ran };
}

/**
 * Shrink candidates per round trip: one right after a failure (the first candidate often fails too), doubling
 * while they pass, so a long run of passing candidates costs few round trips and little is run for nothing.
 */
const SHRINK_BATCH = { first: 1, max: 32 };

/**
 * fast-check's shrinking, with runs of passing candidates batched: from the failing input's fast-check Value,
 * the arbitrary's shrink stream is walked in order and the first candidate that also fails becomes the next
 * counterexample, exactly as `fc.check` walks it (same candidates, same order, same path), but consecutive
 * candidates run in one round trip into the isolate, and candidates an earlier check of the same inputs ran
 * (`run.memo`) do not run again. When the walk keeps stepping to the same index of each level, the next levels'
 * candidates go in the same round trip (a chain), so long runs such as `300x1` cost a few round trips. Reference
 * values are computed only for candidates that get judged (those after the first failing one in a batch, or
 * after a chain's first surprise, ran for nothing and are not counted), on the candidate itself, not a copy (a
 * reference leaves its arguments unchanged). A candidate on which the function cannot run (a timeout, say) ends
 * shrinking, as it does under `fc.check`. The tree walked is the round's, kept across gradings (shrink-tree.ts):
 * a later submission failing on the same input finds its candidates, their references and call keys there.
 */
function shrinkInBatches(run: CheckRun, start: ShrinkNode, startIndex: number,
  failure: Extract<Judgement, { kind: 'fail' | 'threw' }>, ranBefore: number): Search {
  const { check, exercise, fn, sandbox, memo } = run;
  const fnKey = `${exercise.id}/${fn.name}`;
  const reference = check.expected as Reference;
  /** Outcomes on `nodes`' inputs in order, ending after the first that is not ok/threw; memoised calls do not run. */
  const outcomesOf = (nodes: ShrinkNode[], work: () => void): CallOutcome[] => {
    const keys = memo ? nodes.map((node) => node.callKey(fnKey)) : [];
    const missing = memo ? nodes.flatMap((_, k) => (memo.has(keys[k]!) ? [] : [k])) : nodes.map((_, k) => k);
    const fresh: CallOutcome[] = [];
    if (missing.length === 0) {
      work();
    } else if (sandbox.callMany) {
      fresh.push(...sandbox.callMany(exercise.id, fn.name, missing.map((k) => nodes[k]!.args), work));
    } else {
      for (const k of missing) {
        const o = sandbox.call(exercise.id, fn.name, nodes[k]!.args);
        fresh.push(o);
        if (isFatal(o)) break;
      }
      work();
    }
    if (memo) fresh.forEach((o, n) => memo.set(keys[missing[n]!]!, o));
    const out: CallOutcome[] = [];
    for (let k = 0; k < nodes.length; k++) {
      const o = memo ? memo.get(keys[k]!) : fresh[missing.indexOf(k)];
      if (o === undefined) break;
      out.push(o);
      if (isFatal(o)) break;
    }
    return out;
  };
  let currentFailure = failure;
  const path = [startIndex];
  let ran = ranBefore;
  let size = SHRINK_BATCH.first;
  /** The index the last step took in its level, and how many steps in a row took that same index (`40x1`). */
  let lastIndex = -1;
  let sameInARow = 0;
  /** The level being walked (the candidates of the current counterexample), and the index of its candidate judged last. */
  let level: ShrinkNode = start;
  let index = -1;
  walk: for (;;) {
    // A batch is the level's next `size` candidates; or, when the walk keeps stepping to the same index r of each
    // level (paths like `40x0` or `300x1`) and is at the start of a level, a chain: candidates 0..r of this level,
    // then 0..r of the level under candidate r, and so on, 2^(steps in a row) levels deep. Judged in order it takes
    // exactly the steps that one level at a time would; entries after the first surprise (a candidate before r
    // fails, or candidate r passes) ran for nothing and are not judged. A long run then costs a few round trips.
    const per = lastIndex + 1;
    const levels = size === 1 && index === -1 && sameInARow > 0 && sandbox.callMany
      ? Math.max(1, Math.min(2 ** sameInARow, Math.floor(SHRINK_BATCH.max / per))) : 1;
    const candidates: ShrinkNode[] = [];
    /** For a chain: the level each entry belongs to, and its index there. */
    const levelsOf: ShrinkNode[] = [];
    const indices: number[] = [];
    if (levels > 1) {
      let parent = level;
      for (let l = 0; l < levels; l++) {
        let got = 0;
        for (; got < per; got++) {
          const next = parent.child(got);
          if (next === undefined) break;
          candidates.push(next);
          levelsOf.push(parent);
          indices.push(got);
        }
        if (got < per) break;
        parent = candidates[candidates.length - 1]!;
      }
    } else {
      while (candidates.length < size) {
        const next = level.child(index + 1 + candidates.length);
        if (next === undefined) break;
        candidates.push(next);
      }
    }
    if (candidates.length === 0) break walk;
    // The first candidate is judged for sure: its reference is computed while the isolate works.
    const outcomes = outcomesOf(candidates, () => {
      candidates[0]!.expected(reference);
    });
    for (let i = 0; i < outcomes.length; i++) {
      index = levels > 1 ? indices[i]! : index + 1;
      ran++;
      const outcome = outcomes[i]!;
      if (isFatal(outcome)) break walk;
      const candidate = candidates[i]!;
      const j = judgeCall(check, candidate.args, candidate.expected(reference), outcome);
      if (j.kind === 'fatal') break walk;
      if (j.kind === 'pass') {
        if (levels === 1 || index < lastIndex) continue;
        // Candidate r passed: the chain breaks; carry on with the rest of this level.
        level = levelsOf[i]!;
        sameInARow = 0;
        size = Math.min(SHRINK_BATCH.max, 2);
        continue walk;
      }
      path.push(index);
      currentFailure = j;
      sameInARow = index === lastIndex ? sameInARow + 1 : 1;
      lastIndex = index;
      // Stepping to candidate r of a chain whose next level is in this batch: judge on there.
      if (levels > 1 && index === per - 1 && i + 1 < candidates.length) {
        level = levelsOf[i + 1]!;
        index = -1;
        continue;
      }
      level = candidate;
      index = -1;
      size = SHRINK_BATCH.first;
      continue walk;
    }
    if (outcomes.length < candidates.length) break walk;
    size = Math.min(SHRINK_BATCH.max, size * 2);
  }
  return { fatal: null, failure: currentFailure, path: path.join(':'), ran };
}

/**
 * The search over a round: the student's function runs on the drawn inputs in batches, each batch judged while
 * the isolate already runs the next, and only a failure goes back to fast-check, to be shrunk.
 */
function searchRound(run: CheckRun, numRuns: number): Search {
  const { check, exercise, fn } = run;
  const seed = deriveSeed(run.seed, inputsKey(run));
  const round = (run.rounds ?? new Rounds()).get(seed, inputsKey(run), numRuns, () => drawInputs(check.arbitrary, seed, numRuns));
  const reference = check.expected as (...args: unknown[]) => unknown;
  let judged = 0;
  let found: { index: number; judgement: Exclude<Judgement, { kind: 'pass' }> } | undefined;
  /** Judges every outcome in hand up to the first that does not pass. Uses no sandbox call. */
  const judgeInHand = (): void => {
    while (found === undefined && judged < round.outcomes.length) {
      const k = judged++;
      const outcome = round.outcomes[k]!;
      const args = round.args[k]!;
      const judgement: Judgement = isFatal(outcome) ? { kind: 'fatal', args, outcome } : judgeCall(check, args, round.expected(reference, k), outcome);
      if (judgement.kind !== 'pass') found = { index: k, judgement };
    }
  };
  try {
    for (;;) {
      if (found !== undefined) break;
      if (judged < round.outcomes.length) {
        // Judge what is in hand while the isolate runs the next batch (wasted only when this batch fails).
        if (round.complete) judgeInHand();
        else round.runNextBatch(run.sandbox, exercise.id, fn.name, reference, judgeInHand);
      } else if (!round.complete) {
        round.runNextBatch(run.sandbox, exercise.id, fn.name, reference);
      } else {
        break;
      }
    }
  } catch (error) {
    throw new Error(`grader bug in ${run.checkId}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (found === undefined) return { fatal: null, failure: null, path: undefined, ran: judged };
  const { index, judgement } = found;
  if (judgement.kind === 'fatal') return { fatal: judgement, failure: null, path: undefined, ran: judged };
  try {
    return shrinkInBatches(run, shrinkRoot(round.args, index, () => round.value(index), check.arbitrary), index, judgement, judged);
  } catch (error) {
    throw new Error(`grader bug in ${run.checkId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs `run.check` and returns its report entry (dependency notes are added later, across exercises). */
export function runCheck(run: CheckRun): CheckReport {
  const { check, fn, checkId } = run;
  const tol = check.tolerance ?? VALUE_TOLERANCE;
  const numRuns = check.numRuns ?? run.numRuns;
  const started = performance.now();
  let search: Search;
  if (run.path !== undefined) {
    const path = expandPath(run.path);
    if (!path.ok) throw new GradingInputError(`--path ${run.path} is not a replay path: ${path.reason}`);
    search = searchWithFastCheck(run, numRuns, path.path);
  } else {
    search = searchRound(run, numRuns);
  }
  const ran = search.ran;
  const durationMs = Math.round(performance.now() - started);
  const base = { id: checkId, function: fn.name, kind: check.kind, maxScore: run.maxScore, durationMs };

  if (search.failure !== null) return { ...base, ...explainFailure(run, search.failure, search.path, tol), score: 0, numRuns: ran };
  if (search.fatal !== null) return { ...base, ...explainFatal(run, search.fatal), score: 0, numRuns: ran };
  return { ...base, status: 'passed', score: run.maxScore, numRuns: ran, diagnosis: null, counterexample: null,
    feedback: `${check.description}: passed on ${plural(ran, 'generated input')}.` };
}

interface Explained {
  status: CheckStatus;
  feedback: string;
  diagnosis: MisconceptionId | null;
  counterexample: Counterexample | null;
}

function explainFatal(run: CheckRun, j: Extract<Judgement, { kind: 'fatal' }>): Explained {
  const { fn, check } = run;
  const input = named(check.argNames, j.args);
  const o = j.outcome;
  const counterexample: Counterexample = { input: toJsonSafe(input) as Record<string, unknown>, expected: null, actual: null };
  switch (o.kind) {
    case 'not-implemented':
      return { status: 'not-implemented', diagnosis: null, counterexample: null,
        feedback: `${fn.name} is not implemented yet: it still throws "${o.message}". Replace the stub's throw with your implementation to earn ${plural(run.maxScore, 'point')} here.` };
    case 'missing-export':
      return { status: 'not-implemented', diagnosis: null, counterexample: null,
        feedback: `${fn.name} could not be found: ${o.message}. Export it from ${run.exercise.id}/${run.exercise.entry} under exactly this name.` };
    case 'timeout':
      return { status: 'timeout', diagnosis: null, counterexample,
        feedback: `${fn.name} did not return within ${o.limitMs} ms on this input, so it was stopped:\n${formatInput(input)}\n` +
          `Look for a loop whose condition never becomes false (for example a counter that is never increased). ` +
          `The remaining checks of ${fn.name} are not run; the rest of your work is graded as usual.` };
    case 'memory':
      return { status: 'error', diagnosis: null, counterexample,
        feedback: `${fn.name} ran out of memory (limit ${o.limitMb} MB) on this input, so it was stopped:\n${formatInput(input)}\n` +
          `Look for an array that keeps growing, for example a push inside a loop that never ends.` };
    case 'unavailable':
      return { status: 'error', diagnosis: null, counterexample: null,
        feedback: `${fn.name} could not be run: ${o.message}` };
  }
}

function explainFailure(run: CheckRun, j: Extract<Judgement, { kind: 'fail' | 'threw' }>, path: string | undefined, tol: Tolerance): Explained {
  const { fn, check, exercise } = run;
  const { part } = check;
  const input = named(check.argNames, j.args);
  const replay = replayCommand({ submission: run.submission, exerciseId: exercise.id, seed: run.seed, checkId: run.checkId, path });
  const expected = partOf(check, j.expected);
  const actual = j.kind === 'fail' ? partOf(check, j.outcome.value) : undefined;
  // `expected  dx = [...]` when one part is judged, so the student sees which tensor the values belong to.
  const label = part === undefined ? '' : `${part} = `;
  const counterexample: Counterexample = {
    input: toJsonSafe(input) as Record<string, unknown>,
    expected: toJsonSafe(expected),
    ...(part !== undefined ? { part } : {}),
    actual: j.kind === 'fail' ? reportableResult(actual) : null,
    maxAbsError: null, maxRelError: null, worst: null, tolerance: null,
    seed: run.seed, ...(path !== undefined ? { path: compactPath(path) } : {}), replay,
  };
  const lines: string[] = [];
  let diagnosis: MisconceptionId | null = null;
  let mistake: Mistake<unknown[]> | null = null;

  if (j.kind === 'threw') {
    lines.push(`${fn.name} threw ${j.outcome.name}: ${j.outcome.message}`, `on this input:`, formatInput(input),
      part === undefined ? `It should have returned ${formatValue(expected)}.` : `Its ${part} should have been ${formatValue(expected)}.`);
    return { status: 'error', diagnosis: null, counterexample,
      feedback: [`${check.description}: failed.`, ...lines, `Replay: ${replay}`].join('\n') };
  }

  const f = j.failure;
  const got = `${label}${formatValue(actual)}`;
  if (f.kind === 'purity') {
    diagnosis = 'mutates-input';
    lines.push(`${fn.name} changed its argument ${f.path}: it was ${formatValue(f.before)} before the call and ${formatValue(f.after)} after it.`,
      `On this input:`, formatInput(input),
      `Every function here must be pure: build new arrays for results (e.g. with map or a fresh array) and never write into its arguments, ` +
      `because the caller still needs them (an LSTM reuses h_{t-1} and C_{t-1} for every gate).`);
  } else if (f.kind === 'shape' || (f.kind === 'values' && f.comparison.reason === 'shape')) {
    const s = f.kind === 'shape' ? f : (f.comparison as Extract<Comparison, { reason: 'shape' }>);
    mistake = findMistake(run, j, tol);
    diagnosis = mistake?.id ?? 'wrong-shape';
    const whole = `expected ${describeShape(expected)}, got ${describeShape(actual)}`;
    const local = `expected ${s.expectedShape}, got ${s.actualShape}`;
    const at = s.path === '(result)' || s.path === '' || local === whole ? '' : ` (the first difference is at ${inPart(part, s.path)}: ${local})`;
    lines.push(`${fn.name} returned ${part === undefined ? 'a result' : part} of the wrong shape: ${whole}${at}.`,
      `On this input:`, formatInput(input), `expected  ${label}${formatValue(expected)}`, `got       ${got}`);
  } else {
    const c = f.comparison as Extract<Comparison, { reason: 'values' }>;
    counterexample.maxAbsError = Number.isFinite(c.maxAbsError) ? c.maxAbsError : null;
    counterexample.maxRelError = Number.isFinite(c.maxRelError) ? c.maxRelError : null;
    counterexample.worst = toJsonSafe({ ...c.worst, path: inPart(part, c.worst.path) }) as Counterexample['worst'];
    counterexample.tolerance = tol;
    mistake = findMistake(run, j, tol);
    diagnosis = mistake?.id ?? null;
    const nonFinite = c.nonFinite.map((p) => inPart(part, p));
    const what = c.nonFinite.length > 0
      ? `${fn.name} returned NaN or Infinity where a finite number was expected${nonFinite[0] === '' ? '' : ` (at ${nonFinite.slice(0, 3).join(', ')}${nonFinite.length > 3 ? ', …' : ''})`}.`
      : `${fn.name} returned wrong values${part === undefined ? '' : ` in ${part}`} (${c.mismatches} of ${c.total} entries outside the tolerance).`;
    lines.push(what, `On this input:`, formatInput(input), `expected  ${label}${formatValue(expected)}`, `got       ${got}`,
      formatWorst({ ...c.worst, path: inPart(part, c.worst.path) }, tol));
  }
  if (mistake) {
    lines.push(`Likely reason (${mistake.id}): ${mistake.explanation}` +
      (mistake.via ? ` The mistake may be in ${mistake.via}.` : ''));
  } else if (diagnosis === 'wrong-shape') {
    lines.push(`Likely reason (wrong-shape): the result must have exactly the contract's shape — plain arrays of numbers, one entry per hidden unit — not nested one level deeper or shallower.`);
  }
  lines.push(`Replay: ${replay}`);
  return { status: 'failed', diagnosis, counterexample, feedback: [`${check.description}: failed.`, ...lines].join('\n') };
}

/**
 * A check's diagnosis inputs are drawn inputs like a round's: the same for every submission graded with one seed,
 * so they are kept in the rounds' bank (frozen, with the reference's values on them), and a process grading many
 * submissions (a batch worker) draws them once. Each known mistake's values on them are kept beside them.
 */
const predictionsOf = new WeakMap<Drawn, Map<Mistake<unknown[]>, Prediction>[]>();

function diagnosisInputsOf(run: CheckRun, extra: number): { drawn: Drawn; predictions: Map<Mistake<unknown[]>, Prediction>[] } {
  const seed = deriveSeed(run.seed, `${inputsKey(run)}#diagnosis`);
  const drawn = (run.rounds ?? new Rounds()).drawn(seed, `${inputsKey(run)}#diagnosis`, extra,
    () => ({ args: fc.sample(run.check.arbitrary, { seed, numRuns: extra }), values: [] }));
  let predictions = predictionsOf.get(drawn);
  if (predictions === undefined) {
    predictions = drawn.args.map(() => new Map());
    predictionsOf.set(drawn, predictions);
  }
  return { drawn, predictions };
}

/**
 * Observations for diagnosis: the counterexample plus a few more generated inputs (the student's function is
 * called on each; inputs where it does not return normally are left out). Checks sharing inputs draw the same
 * extra inputs, so the sandbox's memo answers them after the first.
 */
function findMistake(run: CheckRun, j: Extract<Judgement, { kind: 'fail' }>, tol: Tolerance): Mistake<unknown[]> | null {
  const mistakes = (run.check.mistakes ?? []) as Mistake<unknown[]>[];
  if (mistakes.length === 0) return null;
  const observations: Observation[] = [{ args: j.args, expected: j.expected, actual: j.outcome.value }];
  const extra = run.diagnosisInputs ?? 4;
  if (extra > 0) {
    const { drawn, predictions } = diagnosisInputsOf(run, extra);
    const samples = drawn.args as unknown[][];
    // One round trip for all of them where the sandbox batches (it stops at a call that cannot run, after which
    // every later call of the function would answer the same).
    const outcomes = run.sandbox.callMany
      ? run.sandbox.callMany(run.exercise.id, run.fn.name, samples)
      : samples.map((args) => run.sandbox.call(run.exercise.id, run.fn.name, args));
    for (let k = 0; k < outcomes.length; k++) {
      const outcome = outcomes[k]!;
      if (outcome.kind !== 'ok') continue;
      observations.push({ args: samples[k]!, expected: drawn.expected(run.check.expected as Reference, k), actual: outcome.value,
        predictions: predictions[k]! });
    }
  }
  // The whole result tells mistakes apart best (two mistakes may corrupt one tensor alike but others
  // differently); the part alone still names a mistake when another one elsewhere hides it from the whole.
  const whole = diagnose(mistakes, observations, tol);
  const { part } = run.check;
  if (whole !== null || part === undefined) return whole;
  const narrowed = mistakes.map((m): Mistake<unknown[]> => ({
    ...m,
    compute: (...args) => valueAt(m.compute(...args), part),
    ...(m.recognize ? { recognize: (actual, expected, args) => m.recognize!(valueAt(actual, part), valueAt(expected, part), args) } : {}),
  }));
  // The narrowed mistakes are new objects each time: nothing of theirs goes into the kept predictions.
  const found = diagnose(narrowed, observations.map((o) => ({ args: o.args, expected: valueAt(o.expected, part), actual: valueAt(o.actual, part) })), tol);
  return found === null ? null : mistakes[narrowed.indexOf(found)]!;
}

