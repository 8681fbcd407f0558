// Right: three tests with an advancing clock, importing the entity with a .js extension.
import { expect, test } from 'vitest';
import { AdvancingClock, ValidationError } from '@practicum/reference';
import { Subscription } from '../src/entity.js';

test('a new subscription is stamped by the clock', () => {
  const s = new Subscription({ id: 'sub-1', plan: 'team', seats: 5 }, { clock: new AdvancingClock('2025-01-01T00:00:00Z', 1000) });
  expect(s.createdAt.toISOString()).toBe('2025-01-01T00:00:00.000Z');
});

test('changing the plan records plan_changed', () => {
  const s = new Subscription({ id: 'sub-1', plan: 'team', seats: 5 }, { clock: new AdvancingClock('2025-01-01T00:00:00Z', 1000) });
  s.changePlan('enterprise', 50);
  expect(s.updatedAt.toISOString()).toBe('2025-01-01T00:00:01.000Z');
  expect(s.getDomainEvents().map((e) => e.type)).toEqual(['TimestampUpdated']);
});

test('the free plan refuses ten seats and keeps the old plan', () => {
  const s = new Subscription({ id: 'sub-1', plan: 'team', seats: 5 }, { clock: new AdvancingClock('2025-01-01T00:00:00Z', 1000) });
  expect(() => s.changePlan('free', 10)).toThrow(ValidationError);
  expect([s.plan, s.seats]).toEqual(['team', 5]);
});
