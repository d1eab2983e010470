// Adam (Kingma & Ba 2015) with bias correction, and clipping of the global gradient norm (as
// torch.nn.utils.clip_grad_norm_ does), over a list of flat parameter buffers.

export interface AdamOptions {
  /** Step size (default 1e-2). */
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;
  private readonly lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;

  constructor(private readonly params: Float64Array[], options: AdamOptions = {}) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
    this.lr = options.lr ?? 1e-2;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
  }

  /** One update with `grads[k]` the gradient of `params[k]`. */
  step(grads: Float64Array[]): void {
    this.t += 1;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k]!, g = grads[k]!, m = this.m[k]!, v = this.v[k]!;
      for (let j = 0; j < p.length; j++) {
        const gj = g[j]!;
        m[j] = this.beta1 * m[j]! + (1 - this.beta1) * gj;
        v[j] = this.beta2 * v[j]! + (1 - this.beta2) * gj * gj;
        p[j] = p[j]! - (this.lr * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + this.eps);
      }
    }
  }
}

/** The global L2 norm of all gradients. */
export function globalNorm(grads: Float64Array[]): number {
  let s = 0;
  for (const g of grads) for (let j = 0; j < g.length; j++) s += g[j]! * g[j]!;
  return Math.sqrt(s);
}

/** Scales every gradient so their global norm is at most `maxNorm`; returns the norm before clipping. */
export function clipGradNorm(grads: Float64Array[], maxNorm: number): number {
  const norm = globalNorm(grads);
  if (norm > maxNorm && norm > 0) {
    const scale = maxNorm / norm;
    for (const g of grads) for (let j = 0; j < g.length; j++) g[j] = g[j]! * scale;
  }
  return norm;
}
