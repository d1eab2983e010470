// The harness hands arrays of numbers out of the isolate as Float64Arrays (fast and immune to prototype
// tricks while copying); this turns them back into plain arrays. Runs in the child, on data that already
// left the isolate, so nothing here can be tampered with.

export function decodePlain(value: unknown): unknown {
  if (value instanceof Float64Array) return Array.from(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodePlain(value[i]);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const decoded = decodePlain(record[key]);
      // defineProperty, not assignment: an own "__proto__" field must stay a field.
      if (decoded !== record[key]) Object.defineProperty(record, key, { value: decoded, writable: true, enumerable: true, configurable: true });
    }
  }
  return value;
}
