// Wrong: no injected clock, so nothing can be pinned: the tests only say that time does not go
// backwards and that a record looks like a date. A change that never moves updatedAt, a wrong event
// reason and both UTC bugs all get through.
import { describe, it, expect } from 'vitest';
import { ValidationError } from '@practicum/reference';
import { Project } from '../src/project.ts';

describe('Project', () => {
  it('sets timestamps around now', () => {
    const before = Date.now();
    const project = new Project({ id: 'proj-1', name: 'Apollo' });
    expect(project.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(project.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('rename never moves updatedAt backwards', () => {
    const project = new Project({ id: 'proj-1', name: 'Apollo' });
    const before = project.updatedAt.getTime();
    project.rename('Apollo 2');
    expect(project.name).toBe('Apollo 2');
    expect(project.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(project.getDomainEvents().length).toBeGreaterThanOrEqual(0);
  });

  it('rejects an empty name', () => {
    expect(() => new Project({ id: 'p', name: '' })).toThrow(ValidationError);
  });

  it('writes dates in the record', () => {
    const record = new Project({ id: 'proj-1', name: 'Apollo' }).toRecord();
    expect(record.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
