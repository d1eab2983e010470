// Every `gatecheck` command, in the order `--help` lists them. Each lives in its own file.
import type { Command } from '../cli-kit.js';
import { conformance } from './conformance.js';
import { grade } from './grade.js';
import { batch } from './batch.js';
import { similarity } from './similarity.js';
import { serve } from './serve.js';
import { gradebook } from './gradebook.js';
import { lab } from './lab.js';

export const commands: Command[] = [grade, batch, conformance, similarity, serve, gradebook, lab];
