// Following dependencies across exercises: when a function fails and a function it is usually built on fails
// too, the student should fix that one first — its mistake probably explains this failure.
import type { ExerciseDefinition } from './definition.js';
import type { CheckReport, GradingReport, MisconceptionId } from './report.js';

const FAILING = new Set(['failed', 'error', 'timeout']);

interface FunctionState { failing: boolean; diagnosis: MisconceptionId | null }

function functionStates(report: GradingReport): Map<string, FunctionState> {
  const states = new Map<string, FunctionState>();
  for (const ex of report.exercises) {
    for (const check of ex.checks) {
      const key = `${ex.id}/${check.function}`;
      const s = states.get(key) ?? { failing: false, diagnosis: null };
      if (FAILING.has(check.status)) {
        s.failing = true;
        s.diagnosis ??= check.diagnosis;
      }
      states.set(key, s);
    }
  }
  return states;
}

/** The note appended to a failing check whose function depends on a failing function, or null. */
export function dependencyNote(fnName: string, dependsOn: readonly string[], states: Map<string, FunctionState>): string | null {
  const failing = dependsOn.filter((d) => states.get(d)?.failing);
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
      const note = dependencyNote(fn.name, fn.dependsOn, states);
      if (note) check.feedback = `${note}\n${check.feedback}`;
    }
  }
}
