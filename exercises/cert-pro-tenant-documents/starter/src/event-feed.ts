// The event bus every tenant shares (read-only): publishing, plus subscribing to what is published.
// InMemoryEventBus from @practicum/reference has this shape.
import type { DomainEvent, EventBus } from '@practicum/reference';

export interface SubscribableEventBus extends EventBus {
  /** Calls `handler` for every event published from now on; the returned function unsubscribes. */
  subscribe(handler: (event: DomainEvent) => void): () => void;
}
