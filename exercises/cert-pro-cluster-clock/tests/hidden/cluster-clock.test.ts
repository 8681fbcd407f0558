// Hidden suite for the professional distributed-touch task: a NodeClock that never repeats or goes
// back, learns from every instant it observes and refuses one beyond the skew bound (judged against
// physical time), and a ClusterNode that observes every note it reads — load, loadMany,
// changesSince and each attempt of update — and redoes an update that lost a race on a fresh copy,
// a bounded number of times, retrying nothing else. The physical clocks, the shared store and the
// bus belong to the test; the bus and the physical clocks are frozen before the code sees them.
import { describe, it, expect } from 'vitest';
import {
  ConcurrencyError,
  FixedClock,
  NaiveDateError,
  NotFoundError,
  ValidationError,
  type DomainEvent,
  type EventBus,
} from '@practicum/reference';
import { ClockSkewError, DEFAULT_MAX_SKEW_MS } from '../../starter/src/clock-skew.ts';
import { MAX_TEXT_LENGTH, Note } from '../../starter/src/note.ts';
import { NoteRepository, SharedStore } from '../../starter/src/shared-store.ts';
import { NodeClock } from '../../starter/src/node-clock.ts';
import { ClusterNode } from '../../starter/src/cluster-node.ts';

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** Records what is published; only the test reads it. */
class RecordingBus implements EventBus {
  readonly #events: DomainEvent[] = [];

  get published(): readonly DomainEvent[] {
    return [...this.#events];
  }

  publish(event: DomainEvent): void {
    this.#events.push(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    this.#events.push(...events);
  }
}
Object.freeze(RecordingBus.prototype);
Object.freeze(RecordingBus);

const frozen = <T extends object>(value: T): T => Object.freeze(value) as T;

/** Real time of the scenarios: 10:00:00.100 UTC. */
const REAL = Date.parse('2025-10-01T10:00:00.100Z');
const at = (ms: number): Date => new Date(ms);
const iso = (ms: number): string => new Date(ms).toISOString();

interface Member {
  physical: FixedClock;
  clock: NodeClock;
  repository: NoteRepository;
  node: ClusterNode;
}

/** Nodes over one shared store and one bus; each node's physical clock is real time plus its offset. */
class Cluster {
  readonly store = new SharedStore();
  readonly bus = frozen(new RecordingBus());
  readonly #members: { member: Member; offsetMs: number }[] = [];
  #real = REAL;

  get real(): number {
    return this.#real;
  }

  add(offsetMs = 0, maxSkewMs?: number): Member {
    const physical = frozen(new FixedClock(at(this.#real + offsetMs)));
    const clock = maxSkewMs === undefined ? new NodeClock(physical) : new NodeClock(physical, maxSkewMs);
    const repository = new NoteRepository(this.store, { eventBus: this.bus, clock });
    const member = { physical, clock, repository, node: new ClusterNode(repository, clock) };
    this.#members.push({ member, offsetMs });
    return member;
  }

  /** Real time moves on by `ms` on every node. */
  tick(ms: number): void {
    this.#real += ms;
    for (const { member, offsetMs } of this.#members) member.physical.set(at(this.#real + offsetMs));
  }
}

/** A stored note last stamped at `updatedAt` (epoch ms) and created ten minutes before, as a node with that clock would have left it. */
function putNote(cluster: Cluster, id: string, updatedAt: number, text = `note ${id}`): void {
  cluster.store.put({ id, text, createdAt: updatedAt - 600_000, updatedAt });
}

/** The stored text of a note, straight from the shared store. */
const storedText = (cluster: Cluster, id: string): string | undefined => cluster.store.get(id)?.text;

describe('1. The node clock never repeats and never goes back', () => {
  it('reads the physical clock when it is ahead of every instant issued or observed', () => {
    const physical = new FixedClock(at(REAL));
    const clock = new NodeClock(physical);
    for (let i = 0; i < 5; i += 1) {
      expect(clock.now().getTime(), `reading ${i}`).toBe(REAL + i * 1_000);
      physical.advance(1_000);
    }
  });

  it('gives each reading 1 ms after the previous one while the physical clock stands still', () => {
    const clock = new NodeClock(new FixedClock(at(REAL)));
    const readings = Array.from({ length: 5 }, () => clock.now().getTime() - REAL);
    expect(readings).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not go back when the physical clock steps back, and follows it again once it has passed the latest reading', () => {
    const physical = new FixedClock(at(REAL));
    const clock = new NodeClock(physical);
    clock.now();
    physical.advance(-10_000);
    expect(clock.now().getTime() - REAL).toBe(1);
    expect(clock.now().getTime() - REAL).toBe(2);
    physical.set(at(REAL + 5_000));
    expect(clock.now().getTime() - REAL).toBe(5_000);
  });
});

describe('2–3. Observing instants within the skew bound', () => {
  it('after observing an instant ahead of its physical clock, reads 1 ms after it, then on from there; an earlier instant observed afterwards changes nothing', () => {
    const physical = new FixedClock(at(REAL));
    const clock = new NodeClock(physical);
    clock.observe(at(REAL + 3_000));
    expect(clock.now().getTime() - REAL).toBe(3_001);
    clock.observe(at(REAL + 1_000));
    expect(clock.now().getTime() - REAL).toBe(3_002);
    clock.observe(at(REAL + 3_002));
    expect(clock.now().getTime() - REAL).toBe(3_003);
    physical.advance(4_000);
    expect(clock.now().getTime() - REAL).toBe(4_000);
  });

  it('accepts instants behind its physical clock, however old, and they change nothing', () => {
    const clock = new NodeClock(new FixedClock(at(REAL)));
    clock.observe(new Date('2001-01-01T00:00:00Z'));
    clock.observe(at(REAL - 1));
    expect(clock.now().getTime()).toBe(REAL);
  });

  it('refuses an instant more than 5 000 ms ahead of its physical clock with ClockSkewError, and remembers nothing of it', () => {
    expect(DEFAULT_MAX_SKEW_MS).toBe(5_000);
    const clock = new NodeClock(new FixedClock(at(REAL)));
    for (const ahead of [5_001, 60_000, 365 * 24 * 3_600_000]) {
      const error = errorOf(() => clock.observe(at(REAL + ahead)));
      expect(error, `${ahead} ms ahead`).toBeInstanceOf(ClockSkewError);
      expect((error as ClockSkewError).skewMs, `skewMs, ${ahead} ms ahead`).toBe(ahead);
    }
    expect(clock.now().getTime()).toBe(REAL);
  });

  it('accepts an instant exactly maxSkewMs ahead, and honours the maxSkewMs given to the constructor (0 included)', () => {
    const byDefault = new NodeClock(new FixedClock(at(REAL)));
    byDefault.observe(at(REAL + 5_000));
    expect(byDefault.now().getTime() - REAL).toBe(5_001);
    expect(byDefault.maxSkewMs).toBe(5_000);

    const tight = new NodeClock(new FixedClock(at(REAL)), 200);
    expect(errorOf(() => tight.observe(at(REAL + 201)))).toBeInstanceOf(ClockSkewError);
    tight.observe(at(REAL + 200));
    expect(tight.now().getTime() - REAL).toBe(201);

    const none = new NodeClock(new FixedClock(at(REAL)), 0);
    expect(errorOf(() => none.observe(at(REAL + 1)))).toBeInstanceOf(ClockSkewError);
    none.observe(at(REAL));
    expect(none.now().getTime() - REAL).toBe(1);
  });

  it("judges the skew against the physical clock, not against the lead the node clock already has", () => {
    const clock = new NodeClock(new FixedClock(at(REAL)));
    clock.observe(at(REAL + 4_000));
    for (let i = 0; i < 3; i += 1) clock.now();
    const error = errorOf(() => clock.observe(at(REAL + 8_000)));
    expect(error).toBeInstanceOf(ClockSkewError);
    expect((error as ClockSkewError).skewMs).toBe(8_000);
    expect(clock.now().getTime() - REAL).toBe(4_004);
  });

  it('refuses a maxSkewMs that is negative or not a finite number with RangeError', () => {
    for (const maxSkewMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => new NodeClock(new FixedClock(at(REAL)), maxSkewMs), `maxSkewMs ${maxSkewMs}`).toThrow(RangeError);
    }
  });

  it('refuses an Invalid Date in observe() with RangeError and remembers nothing', () => {
    const clock = new NodeClock(new FixedClock(at(REAL)));
    expect(() => clock.observe(new Date(Number.NaN))).toThrow(RangeError);
    expect(clock.now().getTime()).toBe(REAL);
    expect(clock.now().getTime()).toBe(REAL + 1);
  });
});

describe('4. Its instants are its own', () => {
  it('returns a new Date every time, and is not changed by a Date it handed out or was handed', () => {
    const clock = new NodeClock(new FixedClock(at(REAL)));
    const first = clock.now();
    first.setTime(REAL + 3_600_000);
    const second = clock.now();
    expect(second).not.toBe(first);
    expect(second.getTime() - REAL).toBe(1);
    const seen = at(REAL + 2_000);
    clock.observe(seen);
    seen.setTime(REAL + 3_600_000);
    expect(clock.now().getTime() - REAL).toBe(2_001);
  });
});

describe('5. Every read is observed', () => {
  it('load() returns a note and observes it: a note created afterwards on this node is stamped after it', async () => {
    const cluster = new Cluster();
    const b = cluster.add(0);
    putNote(cluster, 'n1', cluster.real + 40);
    const loaded = await b.node.load('n1');
    expect(loaded?.text).toBe('note n1');
    expect(loaded).toBeInstanceOf(Note);
    const created = await b.node.create({ id: 'n2', text: 'after n1' });
    expect(created.createdAt.getTime(), `n2 created at ${iso(created.createdAt.getTime())}`).toBe(cluster.real + 41);
    expect(await b.node.load('nope')).toBeNull();
  });

  it('loadMany() observes every note it loads, with one findByIds round trip', async () => {
    const cluster = new Cluster();
    const b = cluster.add(0);
    putNote(cluster, 'a', cluster.real - 500);
    putNote(cluster, 'b', cluster.real + 900);
    putNote(cluster, 'c', cluster.real + 300);
    const before = b.repository.stats;
    const loaded = await b.node.loadMany(['a', 'missing', 'b', 'c']);
    expect(loaded.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(b.repository.stats.findByIds - before.findByIds).toBe(1);
    expect(b.repository.stats.findById - before.findById).toBe(0);
    const created = await b.node.create({ id: 'd', text: 'after all three' });
    expect(created.createdAt.getTime() - cluster.real).toBe(901);
  });

  it('changesSince() returns the notes updated strictly after the instant and observes every one of them; a zone-less instant is refused with NaiveDateError', async () => {
    const cluster = new Cluster();
    const b = cluster.add(0);
    putNote(cluster, 'old', cluster.real - 60_000);
    putNote(cluster, 'x', cluster.real + 1_200);
    putNote(cluster, 'y', cluster.real + 700);
    const changes = await b.node.changesSince(at(cluster.real - 1));
    expect(changes.map((n) => n.id)).toEqual(['y', 'x']);
    expect(await b.node.changesSince(iso(cluster.real + 700))).toHaveLength(1);
    const created = await b.node.create({ id: 'z', text: 'after x and y' });
    expect(created.createdAt.getTime() - cluster.real).toBe(1_201);
    for (const since of ['2025-10-01T10:00:00', '2025-10-01 10:00:00', '2025-10-01']) {
      expect(await rejectionOf(b.node.changesSince(since)), `since "${since}"`).toBeInstanceOf(NaiveDateError);
    }
  });

  it('a note stamped beyond the skew bound is not handed out: load(), loadMany() and changesSince() reject with ClockSkewError, and the clock is as it was', async () => {
    const cluster = new Cluster();
    const b = cluster.add(0);
    putNote(cluster, 'future', cluster.real + 3_600_000);
    putNote(cluster, 'fine', cluster.real - 10);
    expect(await rejectionOf(b.node.load('future')), 'load()').toBeInstanceOf(ClockSkewError);
    expect(await rejectionOf(b.node.loadMany(['future'])), 'loadMany()').toBeInstanceOf(ClockSkewError);
    expect(await rejectionOf(b.node.changesSince(at(cluster.real - 60_000))), 'changesSince()').toBeInstanceOf(ClockSkewError);
    expect(b.clock.now().getTime(), 'the node clock after the refusals').toBe(cluster.real);
  });
});

describe('6. Creating a note', () => {
  it('create() stamps a new note with the node clock, stores it, publishes TimestampCreated and returns it', async () => {
    const cluster = new Cluster();
    const a = cluster.add(40);
    const note = await a.node.create({ id: 'n1', text: 'hello' });
    expect(note.createdAt.getTime()).toBe(cluster.real + 40);
    expect(note.updatedAt).toEqual(note.createdAt);
    expect(cluster.store.get('n1')).toEqual({ id: 'n1', text: 'hello', createdAt: cluster.real + 40, updatedAt: cluster.real + 40 });
    expect(cluster.bus.published.map((e) => `${e.type} ${e.entityId}`)).toEqual(['TimestampCreated n1']);
    const second = await a.node.create({ id: 'n2', text: 'same instant' });
    expect(second.createdAt.getTime()).toBe(cluster.real + 41);
  });
});

describe('7. Updating a note', () => {
  it('update() applies the change to a loaded copy, saves it and returns the saved note', async () => {
    const cluster = new Cluster();
    const a = cluster.add(0);
    await a.node.create({ id: 'n1', text: 'first line' });
    cluster.tick(1_000);
    const saved = await a.node.update('n1', (note) => note.append('second line'));
    expect(saved.text).toBe('first line\nsecond line');
    expect(saved.updatedAt.getTime()).toBe(cluster.real);
    expect(cluster.store.get('n1')?.text).toBe('first line\nsecond line');
    expect(cluster.store.get('n1')?.updatedAt).toBe(cluster.real);
    expect(cluster.bus.published.map((e) => e.type)).toEqual(['TimestampCreated', 'TimestampUpdated']);
    const async = await a.node.update('n1', async (note) => {
      await Promise.resolve();
      note.edit('replaced');
    });
    expect(async.text).toBe('replaced');
    expect(storedText(cluster, 'n1')).toBe('replaced');
  });

  it('update() of an unknown id rejects with NotFoundError and never calls the change', async () => {
    const cluster = new Cluster();
    const a = cluster.add(0);
    let calls = 0;
    const error = await rejectionOf(a.node.update('missing', () => void (calls += 1)));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(calls).toBe(0);
  });

  it("update() that loses a race starts again from a fresh copy and calls the change again: both nodes' changes are kept", async () => {
    const cluster = new Cluster();
    const a = cluster.add(0);
    const b = cluster.add(0);
    await a.node.create({ id: 'n1', text: 'start' });
    cluster.tick(1_000);
    let calls = 0;
    const saved = await a.node.update('n1', async (note) => {
      calls += 1;
      if (calls === 1) await b.node.update('n1', (other) => other.append('from B'));
      note.append('from A');
    });
    expect(calls).toBe(2);
    expect(storedText(cluster, 'n1')).toBe('start\nfrom B\nfrom A');
    expect(saved.text).toBe('start\nfrom B\nfrom A');
    const updates = cluster.bus.published.filter((e) => e.type === 'TimestampUpdated');
    expect(updates).toHaveLength(2);
  });

  it("a retried update is stamped after the other node's write, and so is what the node writes next, even when its physical clock lags by seconds", async () => {
    const cluster = new Cluster();
    const fast = cluster.add(3_000);
    const slow = cluster.add(0);
    await slow.node.create({ id: 'n1', text: 'start' });
    cluster.tick(100);
    let calls = 0;
    await slow.node.update('n1', async (note) => {
      calls += 1;
      if (calls === 1) await fast.node.update('n1', (other) => other.append('fast'));
      note.append('slow');
    });
    const fastWrite = cluster.real + 3_000;
    expect(cluster.store.get('n1')?.updatedAt, 'the retried write').toBe(fastWrite + 1);
    const next = await slow.node.create({ id: 'n2', text: 'next' });
    expect(next.createdAt.getTime(), 'a note created next on the slow node').toBe(fastWrite + 2);
  });

  it('update() gives up after 3 attempts by default, rejecting with the last ConcurrencyError: the change ran 3 times and none of its results is stored', async () => {
    const cluster = new Cluster();
    const a = cluster.add(0);
    const b = cluster.add(0);
    await a.node.create({ id: 'n1', text: 'start' });
    let calls = 0;
    const error = await rejectionOf(
      a.node.update('n1', async (note) => {
        calls += 1;
        cluster.tick(10);
        await b.node.update('n1', (other) => other.append(`B${calls}`));
        note.append('A');
      }),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(calls).toBe(3);
    expect(storedText(cluster, 'n1')).toBe('start\nB1\nB2\nB3');
  });

  it('update() honours maxAttempts: 1 means no second attempt, 5 means up to five', async () => {
    for (const [maxAttempts, expected] of [[1, 1], [5, 5]] as const) {
      const cluster = new Cluster();
      const a = cluster.add(0);
      const b = cluster.add(0);
      await a.node.create({ id: 'n1', text: 'start' });
      let calls = 0;
      const always = await rejectionOf(
        a.node.update(
          'n1',
          async (note) => {
            calls += 1;
            cluster.tick(10);
            await b.node.update('n1', (other) => other.append('B'));
            note.append('A');
          },
          maxAttempts,
        ),
      );
      expect(always, `maxAttempts ${maxAttempts}`).toBeInstanceOf(ConcurrencyError);
      expect(calls, `change calls with maxAttempts ${maxAttempts}`).toBe(expected);
    }
    const cluster = new Cluster();
    const a = cluster.add(0);
    const b = cluster.add(0);
    await a.node.create({ id: 'n1', text: 'start' });
    let calls = 0;
    await a.node.update(
      'n1',
      async (note) => {
        calls += 1;
        if (calls < 4) await b.node.update('n1', (other) => other.append(`B${calls}`));
        note.append('A');
      },
      4,
    );
    expect(calls).toBe(4);
    expect(storedText(cluster, 'n1')).toBe('start\nB1\nB2\nB3\nA');
  });

  it('update() does not retry a ValidationError, from the change or from the save: one attempt, nothing stored or published', async () => {
    const cluster = new Cluster();
    const a = cluster.add(0);
    await a.node.create({ id: 'n1', text: 'start' });
    const published = cluster.bus.published.length;
    const changes: ((note: Note) => void)[] = [
      (note) => note.append('x'.repeat(MAX_TEXT_LENGTH)),
      (note) => {
        note.text = 'x'.repeat(MAX_TEXT_LENGTH + 1);
      },
    ];
    for (const [i, change] of changes.entries()) {
      let calls = 0;
      const error = await rejectionOf(
        a.node.update('n1', (note) => {
          calls += 1;
          change(note);
        }),
      );
      expect(error, `change ${i}`).toBeInstanceOf(ValidationError);
      expect(calls, `calls of change ${i}`).toBe(1);
    }
    expect(storedText(cluster, 'n1')).toBe('start');
    expect(cluster.bus.published.length).toBe(published);
  });

  it('update() does not retry a ClockSkewError: the note is refused once and the change never runs', async () => {
    const cluster = new Cluster();
    const a = cluster.add(0);
    putNote(cluster, 'future', cluster.real + 3_600_000);
    let calls = 0;
    const error = await rejectionOf(a.node.update('future', () => void (calls += 1)));
    expect(error).toBeInstanceOf(ClockSkewError);
    expect(calls).toBe(0);
    expect(a.repository.stats.findById + a.repository.stats.findByIds, 'loads').toBe(1);
  });

  it('update() rejects a maxAttempts that is not a whole number of at least 1 with RangeError, before loading anything', async () => {
    const cluster = new Cluster();
    const a = cluster.add(0);
    await a.node.create({ id: 'n1', text: 'start' });
    for (const maxAttempts of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      let calls = 0;
      const error = await rejectionOf(a.node.update('n1', () => void (calls += 1), maxAttempts));
      expect(error, `maxAttempts ${maxAttempts}`).toBeInstanceOf(RangeError);
      expect(calls, `change calls, maxAttempts ${maxAttempts}`).toBe(0);
    }
    expect(a.repository.stats.queries, 'round trips (the create only)').toBe(1);
  });
});

describe('Acceptance', () => {
  it("node A runs 40 ms fast; B reads A's note and then writes another: B's note is stamped after A's, and a sync from A's stamp finds it", async () => {
    const cluster = new Cluster();
    const a = cluster.add(40);
    const b = cluster.add(0);
    const n1 = await a.node.create({ id: 'n1', text: 'written on A' });
    cluster.tick(10);
    expect((await b.node.load('n1'))?.text).toBe('written on A');
    cluster.tick(10);
    const n2 = await b.node.create({ id: 'n2', text: 'written on B after reading n1' });
    expect(n2.createdAt.getTime()).toBeGreaterThan(n1.createdAt.getTime());
    expect((await b.node.changesSince(n1.updatedAt)).map((n) => n.id)).toEqual(['n2']);
    expect((await a.node.changesSince(n1.updatedAt)).map((n) => n.id)).toEqual(['n2']);
  });
});
