// Production monitoring for timestamp operations: latency histograms and slow-operation counters
// through a MetricsSink (adapt it to Prometheus, StatsD or OpenTelemetry), and inspectEntity(), a
// plain-data snapshot of one entity's timestamp state for logs and debugging.
import type { BaseTimestampEntity } from './entity.ts';
import { ValidationError } from './entity.ts';

export type Tags = Record<string, string>;

export interface MetricsSink {
  histogram(name: string, value: number, tags?: Tags): void;
  increment(name: string, tags?: Tags): void;
}

export interface MetricReading {
  kind: 'histogram' | 'counter';
  name: string;
  value: number;
  tags: Tags;
}

/** Keeps every reading: the same interface as production sinks, for tests and local runs. */
export class InMemoryMetrics implements MetricsSink {
  readonly readings: MetricReading[] = [];

  histogram(name: string, value: number, tags: Tags = {}): void {
    this.readings.push({ kind: 'histogram', name, value, tags: { ...tags } });
  }

  increment(name: string, tags: Tags = {}): void {
    this.readings.push({ kind: 'counter', name, value: 1, tags: { ...tags } });
  }

  /** Sum of a counter's increments. */
  count(name: string): number {
    return this.readings.filter((r) => r.kind === 'counter' && r.name === name).length;
  }

  /** Observed values of a histogram, in order. */
  values(name: string): number[] {
    return this.readings.filter((r) => r.kind === 'histogram' && r.name === name).map((r) => r.value);
  }
}

export interface MonitorOptions {
  /** Operations slower than this count as slow (default 10 ms). */
  slowMs?: number;
  /** Time source in milliseconds (default performance.now). */
  now?: () => number;
}

export class TimestampPerformanceMonitor {
  readonly #metrics: MetricsSink;
  readonly #slowMs: number;
  readonly #now: () => number;

  constructor(metrics: MetricsSink, options: MonitorOptions = {}) {
    this.#metrics = metrics;
    this.#slowMs = options.slowMs ?? 10;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Runs a synchronous operation, recording its duration (also when it throws). */
  track<T>(operation: string, entityType: string, fn: () => T): T {
    const tags = { operation, entity_type: entityType };
    const started = this.#now();
    try {
      return fn();
    } finally {
      const elapsed = this.#now() - started;
      this.#metrics.histogram('timestamp.operation_ms', elapsed, tags);
      if (elapsed > this.#slowMs) this.#metrics.increment('timestamp.slow_operation', tags);
    }
  }

  /** Counts a validation failure by entity type and field (other errors count as 'unknown'). */
  trackValidationError(entityType: string, error: unknown): void {
    const field = error instanceof ValidationError ? (error.field ?? 'entity') : 'unknown';
    this.#metrics.increment('timestamp.validation_error', { entity_type: entityType, field });
  }
}

export interface EntityInspection {
  entityType: string;
  entityId: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  isNew: boolean;
  ageMs: number;
  msSinceUpdate: number;
  pendingEvents: number;
  pendingEventTypes: string[];
  /** Facts that point at a bug: updatedAt before createdAt, timestamps in the future, unsaved changes. */
  anomalies: string[];
}

export function inspectEntity(entity: BaseTimestampEntity, now?: Date): EntityInspection {
  const ageMs = entity.age(now);
  const msSinceUpdate = entity.timeSinceUpdate(now);
  const events = entity.getDomainEvents();
  const anomalies: string[] = [];
  if (entity.updatedAt.getTime() < entity.createdAt.getTime()) anomalies.push('updatedAt is before createdAt');
  if (ageMs < 0) anomalies.push('createdAt is in the future');
  if (msSinceUpdate < 0) anomalies.push('updatedAt is in the future');
  if (events.length > 0) anomalies.push(`${events.length} domain event(s) recorded but not yet published (unsaved changes?)`);
  return {
    entityType: entity.entityType,
    entityId: entity.entityId,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    deletedAt: entity.deletedAt?.toISOString() ?? null,
    isNew: entity.isNew,
    ageMs,
    msSinceUpdate,
    pendingEvents: events.length,
    pendingEventTypes: events.map((e) => e.type),
    anomalies,
  };
}
