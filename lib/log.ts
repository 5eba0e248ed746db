/**
 * The app's logger: one line per event, level filtered by LOG_LEVEL.
 * Every message passes through `redact`, so a token that slips into a message is masked.
 * At error level an Error's stack trace follows the line (redacted too): errors are what gets debugged.
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, 'silent'>;

type Sink = (level: Level, line: string) => void;
const consoleSink: Sink = (level, line) => (level === 'error' || level === 'warn' ? console.error : console.log)(line);
let sink: Sink = consoleSink;

/** Masks bearer tokens, JWTs and token-like query or JSON fields. */
export function redact(text: string): string {
  return text
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted-jwt]')
    .replace(/((?:access|refresh|id)_token["'=:\s]+)["']?[^"'&\s,}]+/gi, '$1[redacted]');
}

function threshold(): number {
  const configured = process.env.LOG_LEVEL as keyof typeof LEVELS | undefined;
  return LEVELS[configured && configured in LEVELS ? configured : 'info'];
}

function emit(level: Level, message: string, err?: unknown) {
  if (LEVELS[level] < threshold()) return;
  const detail = err instanceof Error ? ` (${err.name}: ${err.message})` : err === undefined ? '' : ` (${String(err)})`;
  const stack = level === 'error' && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  // eslint-disable-next-line no-restricted-syntax -- log lines carry the wall-clock time
  sink(level, redact(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${detail}${stack}`));
}

export const log = {
  debug: (m: string, e?: unknown) => emit('debug', m, e),
  info: (m: string, e?: unknown) => emit('info', m, e),
  warn: (m: string, e?: unknown) => emit('warn', m, e),
  error: (m: string, e?: unknown) => emit('error', m, e),
};

/** Replaces the output (tests capture lines with it). Returns a function restoring the previous sink. */
export function setLogSink(next: Sink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}
