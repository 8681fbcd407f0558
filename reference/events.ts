// Domain events: what happened to an entity, when, and (for updates) why. Entities record them;
// repositories publish them after a successful save and clear them, so nothing is lost or repeated.

export interface DomainEvent {
  readonly type: string;
  readonly entityId: string;
  readonly entityType: string;
  readonly occurredAt: Date;
}

interface EventBase {
  entityId: string;
  entityType: string;
  occurredAt: Date;
}

export class TimestampCreatedEvent implements DomainEvent {
  readonly type = 'TimestampCreated' as const;
  readonly entityId: string;
  readonly entityType: string;
  readonly occurredAt: Date;
  readonly createdAt: Date;

  constructor(init: EventBase & { createdAt: Date }) {
    this.entityId = init.entityId;
    this.entityType = init.entityType;
    this.occurredAt = new Date(init.occurredAt.getTime());
    this.createdAt = new Date(init.createdAt.getTime());
  }
}

export class TimestampUpdatedEvent implements DomainEvent {
  readonly type = 'TimestampUpdated' as const;
  readonly entityId: string;
  readonly entityType: string;
  readonly occurredAt: Date;
  readonly oldTimestamp: Date;
  readonly newTimestamp: Date;
  readonly reason: string;
  readonly metadata: Readonly<Record<string, unknown>>;

  constructor(init: EventBase & { oldTimestamp: Date; newTimestamp: Date; reason: string; metadata?: Record<string, unknown> }) {
    this.entityId = init.entityId;
    this.entityType = init.entityType;
    this.occurredAt = new Date(init.occurredAt.getTime());
    this.oldTimestamp = new Date(init.oldTimestamp.getTime());
    this.newTimestamp = new Date(init.newTimestamp.getTime());
    this.reason = init.reason;
    this.metadata = Object.freeze({ ...init.metadata });
  }
}

export class TimestampDeletedEvent implements DomainEvent {
  readonly type = 'TimestampDeleted' as const;
  readonly entityId: string;
  readonly entityType: string;
  readonly occurredAt: Date;
  readonly deletedAt: Date;
  readonly reason: string;

  constructor(init: EventBase & { deletedAt: Date; reason: string }) {
    this.entityId = init.entityId;
    this.entityType = init.entityType;
    this.occurredAt = new Date(init.occurredAt.getTime());
    this.deletedAt = new Date(init.deletedAt.getTime());
    this.reason = init.reason;
  }
}

export interface EventBus {
  publish(event: DomainEvent): void;
  publishBatch(events: readonly DomainEvent[]): void;
}

/** Keeps every published event and counts calls: for tests, local runs and optimisation budgets. */
export class InMemoryEventBus implements EventBus {
  readonly published: DomainEvent[] = [];
  publishCalls = 0;
  batchCalls = 0;
  readonly #handlers = new Set<(event: DomainEvent) => void>();

  publish(event: DomainEvent): void {
    this.publishCalls++;
    this.#deliver(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    this.batchCalls++;
    for (const event of events) this.#deliver(event);
  }

  /** Calls `handler` for every event published from now on; the returned function unsubscribes. */
  subscribe(handler: (event: DomainEvent) => void): () => void {
    this.#handlers.add(handler);
    return () => {
      this.#handlers.delete(handler);
    };
  }

  /** Forgets recorded events and counters (subscriptions stay). */
  clear(): void {
    this.published.length = 0;
    this.publishCalls = 0;
    this.batchCalls = 0;
  }

  #deliver(event: DomainEvent): void {
    this.published.push(event);
    for (const handler of this.#handlers) handler(event);
  }
}
