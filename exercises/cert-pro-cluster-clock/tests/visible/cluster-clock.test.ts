// Visible checks for the cluster clock task: run them while you work; the hidden tests decide.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus } from '@practicum/reference';
import { ClockSkewError } from '../../starter/src/clock-skew.ts';
import { NoteRepository, SharedStore } from '../../starter/src/shared-store.ts';
import { NodeClock } from '../../starter/src/node-clock.ts';
import { ClusterNode } from '../../starter/src/cluster-node.ts';

const REAL = Date.parse('2025-10-01T10:00:00.100Z');

describe('NodeClock and ClusterNode (visible checks)', () => {
  it('never repeats a reading while the physical clock stands still', () => {
    const clock = new NodeClock(new FixedClock(new Date(REAL)));
    expect(clock.now().getTime()).toBe(REAL);
    expect(clock.now().getTime()).toBe(REAL + 1);
  });

  it('refuses an instant far ahead of the physical clock', () => {
    const clock = new NodeClock(new FixedClock(new Date(REAL)));
    expect(() => clock.observe(new Date(REAL + 60_000))).toThrow(ClockSkewError);
  });

  it("orders B's write after A's write it has read, although A's clock runs 40 ms fast", async () => {
    const store = new SharedStore();
    const bus = new InMemoryEventBus();
    const physicalA = new FixedClock(new Date(REAL + 40));
    const physicalB = new FixedClock(new Date(REAL));
    const clockA = new NodeClock(physicalA);
    const clockB = new NodeClock(physicalB);
    const a = new ClusterNode(new NoteRepository(store, { eventBus: bus, clock: clockA }), clockA);
    const b = new ClusterNode(new NoteRepository(store, { eventBus: bus, clock: clockB }), clockB);
    const n1 = await a.create({ id: 'n1', text: 'written on A' });
    physicalB.advance(10);
    await b.load('n1');
    physicalB.advance(10);
    const n2 = await b.create({ id: 'n2', text: 'written on B' });
    expect(n2.createdAt.getTime()).toBeGreaterThan(n1.createdAt.getTime());
  });
});
