// Lets Node 20 run the repo's TypeScript sources directly (`node --import ./scripts/register-ts.mjs x.ts`).
// ts-node's ESM loader fails opaquely on Node 20, so this registers a small loader built on esbuild instead.
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
