// Generated inputs of exercise 01: uniform over three-decimal numbers, so a shrunk counterexample reads like
// something a person would type (`x = 710.5`).
import fc from 'fast-check';
import { simpleNumber } from '@gatecheck/grading';

/** Ordinary inputs, where neither function is near overflow. */
export const ordinary = fc.tuple(simpleNumber(10));

/** Extreme inputs up to |x| = 1000 (exp overflows past 709, exp(2x) past 355). */
export const extreme = fc.tuple(simpleNumber(1000));
