// A key for a call's arguments (plain data), telling apart -0 and 0, NaN, infinities and null (JSON would not):
// calls with equal keys get equal answers from a pure function, so checks sharing inputs can share them.

function writeKey(v: unknown, out: string[]): void {
  if (typeof v === 'number') out.push(Object.is(v, -0) ? '-0' : String(v), ',');
  else if (Array.isArray(v)) {
    out.push('[');
    for (const x of v) writeKey(x, out);
    out.push('],');
  } else if (v !== null && typeof v === 'object') {
    out.push('{');
    for (const [k, x] of Object.entries(v)) {
      out.push(JSON.stringify(k), ':');
      writeKey(x, out);
    }
    out.push('},');
  } else out.push(typeof v === 'string' ? JSON.stringify(v) : String(v), ',');
}

export const callKey = (fn: string, args: unknown[]): string => {
  const out = [fn, ':'];
  writeKey(args, out);
  return out.join('');
};
