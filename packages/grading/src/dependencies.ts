// Following dependencies across exercises: when a function fails and a function it is usually built on fails
// too, the student should fix that one first — its mistake probably explains this failure.
import type { ExerciseDefinition } from './definition.js';
import type { CheckReport, GradingReport, MisconceptionId } from './report.js';

const FAILING = new Set(['failed', 'error', 'timeout']);

interface FunctionState { failing: boolean; diagnosis: MisconceptionId | null; failingKinds: Set<string> }

function functionStates(report: GradingReport): Map<string, FunctionState> {
  const states = new Map<string, FunctionState>();
  for (const ex of report.exercises) {
    for (const check of ex.checks) {
      const key = `${ex.id}/${check.function}`;
      const s = states.get(key) ?? { failing: false, diagnosis: null, failingKinds: new Set<string>() };
      if (FAILING.has(check.status)) {
        s.failing = true;
        s.diagnosis ??= check.diagnosis;
        s.failingKinds.add(check.kind ?? check.id.split('/')[2] ?? '');
      }
      states.set(key, s);
    }
  }
  return states;
}

/**
 * The note put before a failing check's feedback when functions it builds on fail in a way that can explain it:
 * their checks of the same kind, or their correctness, fail too. Null when none do.
 */
export function dependencyNote(fnName: string, kind: string, dependsOn: readonly string[], states: Map<string, FunctionState>): string | null {
  const failing = dependsOn.filter((d) => {
    const s = states.get(d);
    return s !== undefined && (s.failingKinds.has(kind) || s.failingKinds.has('correctness'));
  });
  if (failing.length === 0) return null;
  const described = failing.map((d) => {
    const [exercise, name] = d.split('/');
    const diag = states.get(d)?.diagnosis;
    return `${name} (${exercise}${diag ? `, likely ${diag}` : ''})`;
  });
  const names = failing.map((d) => d.split('/')[1]);
  return `${fnName} builds on ${described.join(' and ')}, which ${failing.length === 1 ? 'fails its own checks' : 'fail their own checks'} too. ` +
    `Fix ${names.join(' and ')} first: ${fnName} may pass once ${failing.length === 1 ? 'it does' : 'they do'}.`;
}

/** Adds dependency notes to every failing check of a function whose dependencies fail in the same report. */
export function addDependencyNotes(report: GradingReport, definitions: readonly ExerciseDefinition[]): void {
  const states = functionStates(report);
  for (const ex of report.exercises) {
    const def = definitions.find((d) => d.id === ex.id);
    if (!def) continue;
    for (const check of ex.checks as CheckReport[]) {
      if (!FAILING.has(check.status)) continue;
      const fn = def.functions.find((f) => f.name === check.function);
      if (!fn?.dependsOn?.length) continue;
      const note = dependencyNote(fn.name, check.kind ?? check.id.split('/')[2] ?? '', fn.dependsOn, states);
      if (note) check.feedback = `${note}\n${check.feedback}`;
    }
  }
}
