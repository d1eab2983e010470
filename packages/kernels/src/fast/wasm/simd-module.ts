// The fast kernels' WebAssembly SIMD module: assembled from TypeScript (wasm-assembler.ts) and compiled
// synchronously on first use, with one grow-only memory that every wasm layer call lays its operands out in.
// Where WebAssembly SIMD is missing (WebAssembly.validate rejects the module), `simdModule()` returns null and the
// fast kernels stay on their scalar JavaScript path (../fast-kernels.ts).
import { gruGatesFunction, lstmGatesFunction, rnnActivationFunction } from './gates-wasm.js';
import { gemmNTFunction, transposeFunction } from './gemm-wasm.js';
import { assembleModule } from './wasm-assembler.js';
import { webAssembly } from './webassembly-api.js';

/** The module's functions; every offset and stride is in float64 elements of the memory. */
export interface SimdExports {
  /** gemmNT of ../gemm.ts on the memory (`accumulate` 0 or 1). */
  gemmNT(m: number, n: number, k: number, aOff: number, lda: number, bOff: number, ldb: number, cOff: number, ldc: number, accumulate: number): void;
  /** transpose of ../gemm.ts on the memory. */
  transpose(rows: number, cols: number, srcOff: number, lds: number, dstOff: number, ldd: number): void;
  lstmGates(N: number, H: number, gOff: number, cPrevOff: number, cOff: number, mOff: number): void;
  gruGates(N: number, H: number, gOff: number, hhOff: number, bhnOff: number, hPrevOff: number, hnOff: number, hOff: number): void;
  rnnActivation(count: number, off: number, relu: number): void;
}

export interface SimdModule {
  fn: SimdExports;
  /**
   * The memory as float64s, at least `elements` long, or null when that is more than 32-bit element offsets reach
   * (the caller then runs in JavaScript). Earlier views are invalid after this call (growing the memory detaches its
   * old buffer), so a caller reserves everything it needs first and then uses the view.
   */
  reserve(elements: number): Float64Array | null;
}

const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB; offsets are passed as i32 element indices, so stay below 2^31 bytes. */
const MAX_BYTES = 2 ** 31;

/** The module's binary (assembled anew on each call; used once by `simdModule`, and by tests). */
export function simdModuleBytes(): Uint8Array<ArrayBuffer> {
  return assembleModule([gemmNTFunction(), transposeFunction(), lstmGatesFunction(), gruGatesFunction(), rnnActivationFunction()]);
}

let loaded: SimdModule | null | undefined;

/** The compiled module, or null when this JavaScript engine lacks WebAssembly SIMD. */
export function simdModule(): SimdModule | null {
  if (loaded !== undefined) return loaded;
  const bytes = simdModuleBytes();
  if (!webAssembly || !webAssembly.validate(bytes)) {
    loaded = null;
    return loaded;
  }
  const memory = new webAssembly.Memory({ initial: 1 });
  const instance = new webAssembly.Instance(new webAssembly.Module(bytes), { env: { memory } });
  let view = new Float64Array(memory.buffer);
  loaded = {
    fn: instance.exports as unknown as SimdExports,
    reserve(elements: number): Float64Array | null {
      const bytesNeeded = elements * 8;
      if (bytesNeeded > MAX_BYTES) return null;
      if (bytesNeeded > memory.buffer.byteLength) {
        // Grow by half again at least, so slowly increasing sizes do not grow the memory on every call.
        const target = Math.min(MAX_BYTES, Math.max(bytesNeeded, Math.ceil(memory.buffer.byteLength * 1.5)));
        memory.grow(Math.ceil((target - memory.buffer.byteLength) / PAGE_BYTES));
      }
      if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
      return view;
    },
  };
  return loaded;
}

/** The compiled module, for the wasm kernels: throws where WebAssembly SIMD is missing (fastKernels never asks then). */
export function requireSimdModule(): SimdModule {
  const simd = simdModule();
  if (!simd) throw new Error('WebAssembly SIMD is not available here; use the scalar fast kernels');
  return simd;
}

/**
 * Consecutive regions of the given float64 sizes, each starting on a 16-byte boundary (v128 loads of aligned pairs):
 * each region's element offset, and the elements all of them need.
 */
export function layOut<K extends string>(sizes: Readonly<Record<K, number>>): { at: Record<K, number>; total: number } {
  const at = {} as Record<K, number>;
  let total = 0;
  for (const [name, size] of Object.entries(sizes) as [K, number][]) {
    at[name] = total;
    total += size + (size & 1);
  }
  return { at, total };
}
