// Wrong: every change is checked through updatedAt alone; the update events (and their reasons)
// are never looked at, so a Project that records the wrong reason gets through.
import { describe, it, expect } from 'vitest';
import { FixedClock, NaiveDateError, ValidationError } from '@practicum/reference';
import { Project } from '../src/project.ts';

const START = '2025-03-01T09:00:00Z';

function setup(): { clock: FixedClock; project: Project } {
  const clock = new FixedClock(START);
  return { clock, project: new Project({ id: 'proj-1', name: 'Apollo' }, { clock }) };
}

describe('Project', () => {
  it('sets both timestamps from the clock', () => {
    const { project } = setup();
    expect(project.createdAt).toEqual(new Date(START));
    expect(project.updatedAt).toEqual(project.createdAt);
  });

  it('keeps createdAt when the returned Date is changed', () => {
    const { project } = setup();
    project.createdAt.setTime(0);
    expect(project.createdAt).toEqual(new Date(START));
  });

  it('rename and describe move updatedAt', () => {
    const { clock, project } = setup();
    clock.advance(60_000);
    project.rename('Apollo 2');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:01:00Z'));
    clock.advance(60_000);
    project.describe('Moon tooling');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:02:00Z'));
  });

  it('validates names and owners on creation and on change', () => {
    const clock = new FixedClock(START);
    expect(() => new Project({ id: 'p', name: '  ' }, { clock })).toThrow(ValidationError);
    expect(new Project({ id: 'p', name: 'x'.repeat(100) }, { clock }).name).toHaveLength(100);
    expect(() => new Project({ id: 'p', name: 'x'.repeat(101) }, { clock })).toThrow(ValidationError);
    const { project } = setup();
    expect(() => project.rename('')).toThrow(ValidationError);
    expect(() => project.changeOwner('nobody')).toThrow(ValidationError);
  });

  it('stores UTC strings and refuses naive ones', () => {
    const { project } = setup();
    expect(project.toRecord().createdAt).toBe('2025-03-01T09:00:00.000Z');
    expect(() => Project.fromRecord({ ...project.toRecord(), createdAt: '2025-03-01T09:00:00' })).toThrow(NaiveDateError);
  });
});
