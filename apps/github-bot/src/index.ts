export { type BotOptions, type RunningBot, startBot } from './bot.js';
export { type AuthSettings, type BotSettings, type SettingsResult, SECRET_VARIABLES, secretsOf, settingsFromEnv } from './settings.js';
export { type Logger, type LoggerOptions, createLogger, redact } from './logger.js';
export { type GradeRecord, Store } from './store.js';
export { type ExportResult, type GradebookFormat, exportGradebook, gradebookCsv, gradebookJson } from './gradebook-export.js';
export {
  type ChildProcessGraderOptions, type GradeRequest, type SubmissionGrader, GradingAbortedError, GradingFailedError,
  childProcessGrader,
} from './grader.js';
export { signBody, verifySignature } from './signature.js';
export { COMMENT_MARKER } from './render-comment.js';
export { CHECK_NAME } from './delivery-intake.js';
export { WEBHOOK_PATH } from './webhook-server.js';
