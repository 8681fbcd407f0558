// Your unit tests for your converted entity: at least three, with an injected clock —
// creation, one change with its event, and one rejected change.
import { describe, expect, it } from 'vitest';
import { FixedClock } from '@practicum/reference';
import { MyEntity } from '../src/entity.ts';

describe('MyEntity', () => {
  it('takes createdAt from the injected clock', () => {
    const clock = new FixedClock('2025-03-01T09:00:00Z');
    const entity = new MyEntity({ id: 'my-1' }, { clock });
    expect(entity.createdAt.toISOString()).toBe('2025-03-01T09:00:00.000Z');
  });
});
