/**
 * Readable terminal output without a dependency: ANSI colours only on a terminal, never with NO_COLOR
 * (https://no-color.org: any non-empty value) or TERM=dumb.
 */
export interface Output {
  readonly color: boolean;
  line(text?: string): void;
  heading(text: string): void;
  ok(text: string): string;
  fail(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function colorWanted(env: Record<string, string | undefined> = process.env, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export function createOutput(color = colorWanted(), write: (s: string) => void = (s) => process.stdout.write(s)): Output {
  const wrap = (code: string) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const bold = wrap('1');
  return {
    color,
    line: (text = '') => write(`${text}\n`),
    heading: (text) => write(`\n${bold(text)}\n`),
    ok: wrap('32'),
    fail: wrap('31'),
    warn: wrap('33'),
    dim: wrap('2'),
    bold,
  };
}
