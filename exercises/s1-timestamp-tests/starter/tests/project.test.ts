// Your tests for the Project entity in src/project.ts (Exercise 1.3).
// They run against the real Project and against broken copies of it: a broken copy is caught
// when at least one of your tests fails on it. Add a test for every promise listed in the instructions.
import { describe, it, expect } from 'vitest';
import { FixedClock } from '@practicum/reference';
import { Project } from '../src/project.ts';

describe('Project timestamps', () => {
  it('sets createdAt and updatedAt when the project is created', () => {
    const clock = new FixedClock('2025-03-01T09:00:00Z');
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });

    expect(project.createdAt).toEqual(new Date('2025-03-01T09:00:00Z'));
    expect(project.updatedAt).toEqual(project.createdAt);
  });

  it('rename changes the name', () => {
    const clock = new FixedClock('2025-03-01T09:00:00Z');
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    clock.advance(60_000);

    project.rename('Apollo 2');

    expect(project.name).toBe('Apollo 2');
  });
});
