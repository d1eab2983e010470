// Tags of the wire format (codec.ts), shared by the host's codec and the harness inside the isolate.

export const TAG = {
  UNDEFINED: 0, NULL: 1, FALSE: 2, TRUE: 3, NUMBER: 4, NUMBERS: 5, ARRAY: 6, OBJECT: 7, STRING: 8, HOLE: 9,
} as const;

/** A call's record in a batch's results (see `decodeResults` in codec.ts for what follows each). */
export const RESULT = { OK: 0, THREW: 1, MISSING_EXPORT: 2, TIMEOUT: 3 } as const;
