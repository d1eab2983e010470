export { type CompareOptions, type RegionSide, type SharedRegion, type SimilarPair, findSimilarPairs } from './compare.js';
export { type SourceFile, type Submission, loadSubmission, loadSubmissions } from './load.js';
export { type SimilarityRun, formatJson, formatText } from './format.js';
export { type Token, tokenize } from './tokenize.js';
