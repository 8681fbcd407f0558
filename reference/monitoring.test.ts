import { describe, expect, it } from 'vitest';
import { FixedClock } from './clock.ts';
import { ValidationError } from './entity.ts';
import { InMemoryMetrics, TimestampPerformanceMonitor, inspectEntity } from './monitoring.ts';
import { Note } from './test-entities.ts';

describe('TimestampPerformanceMonitor', () => {
  it('records durations, counts slow operations, and still records when the operation throws', () => {
    const metrics = new InMemoryMetrics();
    let now = 0;
    const monitor = new TimestampPerformanceMonitor(metrics, { slowMs: 10, now: () => now });
    const value = monitor.track('create', 'Note', () => {
      now += 4;
      return 42;
    });
    expect(value).toBe(42);
    expect(() =>
      monitor.track('touch', 'Note', () => {
        now += 25;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(metrics.values('timestamp.operation_ms')).toEqual([4, 25]);
    expect(metrics.count('timestamp.slow_operation')).toBe(1);
    expect(metrics.readings.find((r) => r.kind === 'counter')?.tags).toEqual({ operation: 'touch', entity_type: 'Note' });
  });

  it('counts validation errors by field', () => {
    const metrics = new InMemoryMetrics();
    const monitor = new TimestampPerformanceMonitor(metrics);
    monitor.trackValidationError('Note', new ValidationError('bad', 'text'));
    monitor.trackValidationError('Note', new ValidationError('bad'));
    monitor.trackValidationError('Note', new Error('other'));
    expect(metrics.readings.map((r) => r.tags['field'])).toEqual(['text', 'entity', 'unknown']);
    expect(monitor.track('x', 'Note', () => 'real clock')).toBe('real clock');
  });
});

describe('inspectEntity', () => {
  it('describes a healthy entity and flags unsaved changes and future timestamps', () => {
    const clock = new FixedClock('2025-06-01T09:00:00Z');
    const note = new Note('n1', 'x', { clock });
    clock.advance(1000);
    expect(inspectEntity(note)).toMatchObject({ entityType: 'Note', entityId: 'n1', ageMs: 1000, pendingEvents: 0, anomalies: [], deletedAt: null, isNew: true });
    note.touch('edited');
    const later = inspectEntity(note, new Date('2025-06-01T08:00:00Z'));
    expect(later.pendingEventTypes).toEqual(['TimestampUpdated']);
    expect(later.anomalies).toEqual([
      'createdAt is in the future',
      'updatedAt is in the future',
      '1 domain event(s) recorded but not yet published (unsaved changes?)',
    ]);
    note.softDelete();
    expect(inspectEntity(note).deletedAt).toBe(note.deletedAt?.toISOString());
  });
});
