// @practicum/reference: the TypeScript library the Clean Timestamp course teaches and every
// exercise builds on. This is its only public entry.
export { AdvancingClock, FixedClock, systemClock, type Clock } from './clock.ts';
export { NaiveDateError, coerceToUtc, isUtcIso, startOfUtcDay } from './utc.ts';
export {
  InMemoryEventBus,
  TimestampCreatedEvent,
  TimestampDeletedEvent,
  TimestampUpdatedEvent,
  type DomainEvent,
  type EventBus,
} from './events.ts';
export { BaseTimestampEntity, RECENT_MS, ValidationError, type EntityInit } from './entity.ts';
export { ConcurrencyError, NotFoundError, TimestampRepository, type RepositoryDeps, type RepositoryStats } from './repository.ts';
export { InMemoryRepository } from './in-memory-repository.ts';
export {
  InMemoryMetrics,
  TimestampPerformanceMonitor,
  inspectEntity,
  type EntityInspection,
  type MetricReading,
  type MetricsSink,
  type MonitorOptions,
  type Tags,
} from './monitoring.ts';
