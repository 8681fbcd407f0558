// Named parameters (@name) for statements that use one value in several places: the store takes
// positional `?` only (the form both engines accept), so the SQL is rewritten with `?` and the values
// listed in order. Keep '@' out of the statement's string literals.
import type { Param } from './store.ts';

export function named(sql: string, values: Readonly<Record<string, Param>>): [string, ...Param[]] {
  const params: Param[] = [];
  const text = sql.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for @${name} in: ${sql}`);
    params.push(value);
    return '?';
  });
  return [text, ...params];
}
