// Tiny `--flag value` parser for the project's scripts, with clear errors for unknown flags.
export function parseArgs(argv: readonly string[], known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (!known.includes(name)) throw new Error(`unknown option --${name} (known: ${known.map((k) => `--${k}`).join(', ')})`);
    const value = inline ?? argv[i + 1];
    if (inline === undefined) {
      if (value === undefined || value.startsWith('--')) {
        out[name] = 'true';
        continue;
      }
      i++;
    }
    out[name] = value ?? '';
  }
  return out;
}
