// {{Entity}} repository of the daily worker (read-only): the in-memory timestamp repository plus the
// one query the worker needs.
import { InMemoryRepository } from '@practicum/reference';
import type { {{Entity}} } from './{{Entity|kebab}}.ts';

const EPOCH = new Date(0);

export class {{Entity}}Repository extends InMemoryRepository<{{Entity}}> {
  /** Every (not deleted) {{Entity|lower}} that {{Recurs}} {{Due}}. One round trip. */
  async {{QueryMethod}}(): Promise<{{Entity}}[]> {
    const all = await this.findUpdatedSince(EPOCH);
    return all.filter(({{Entity|lower}}) => {{Entity|lower}}.{{CycleField}} === '{{Due}}');
  }
}
