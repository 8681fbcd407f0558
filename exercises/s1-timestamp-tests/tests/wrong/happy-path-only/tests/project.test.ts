// Wrong: only the happy path. Every change is checked (time, event, stored format), but no test
// ever gives the Project a bad name or owner, so a rename or owner change that skips validation,
// a blank name and an off-by-one length limit all get through.
import { describe, it, expect } from 'vitest';
import { FixedClock, NaiveDateError, TimestampUpdatedEvent } from '@practicum/reference';
import { Project } from '../src/project.ts';

const START = '2025-03-01T09:00:00Z';

describe('Project', () => {
  it('sets both timestamps from the clock', () => {
    const clock = new FixedClock(START);
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    expect(project.createdAt).toEqual(new Date(START));
    expect(project.updatedAt).toEqual(new Date(START));
  });

  it('rename, changeOwner and describe move updatedAt and record their reasons', () => {
    const clock = new FixedClock(START);
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    clock.advance(1_000);
    project.rename('Apollo 2');
    project.changeOwner('lead@company.com');
    project.describe('Moon tooling');
    expect(project.updatedAt.getTime()).toBeGreaterThan(new Date(START).getTime());
    expect(project.createdAt).toEqual(new Date(START));
    const reasons = project.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent).map((e) => e.reason);
    expect(reasons).toEqual(['name_updated', 'owner_changed', 'description_updated']);
  });

  it('stores UTC strings and reads them back', () => {
    const clock = new FixedClock(START);
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    const record = project.toRecord();
    expect(record.createdAt).toBe('2025-03-01T09:00:00.000Z');
    expect(Project.fromRecord(record).toRecord()).toEqual(record);
    expect(() => Project.fromRecord({ ...record, updatedAt: '2025-03-01T09:00:00' })).toThrow(NaiveDateError);
  });
});
