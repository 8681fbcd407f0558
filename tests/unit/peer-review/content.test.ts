// The peer review rubric lives in content: the course's program.json holds the session-2 code review
// checklist as criteria; the schema refuses a scale out of order, duplicate criteria and levels that do
// not match the scale; the cross-checks name a peer-reviewed exercise or reviewer level that is not there.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/server/content/files.ts';
import { peerReviewIssues } from '../../../src/server/content/peer-review-check.ts';
import { peerReviewSchema, peerRubricSchema } from '../../../src/lib/schemas/peer-review.ts';

const root = join(import.meta.dirname, '../../..');

describe('the peer review rubric in content', () => {
  it('is the course’s review checklist: code quality, timestamps, events, tests, performance, each on the scale with what each point means', () => {
    const set = loadContent(root);
    const program = set.programs.find((p) => p.data.id === 'clean-timestamp')?.data;
    const review = program?.peerReview;
    expect(review).toMatchObject({ exercise: 's2-final-project', reviewers: 2 });
    expect(review?.rubric.criteria.map((c) => c.id)).toEqual(['code-quality', 'timestamps', 'events', 'tests', 'performance']);
    for (const c of review?.rubric.criteria ?? []) expect(c.levels).toHaveLength(review?.rubric.scale.length ?? -1);
    const expert = set.certifications[0]?.data.levels.find((l) => l.id === 'expert')?.assessment;
    expect(expert?.type === 'case-study' && expert.peerReview?.reviewerLevels).toEqual(['professional', 'expert']);
    expect(peerReviewIssues(root, set)).toEqual([]);
  });

  it('refuses a scale out of order, a criterion twice, and levels that do not match the scale', () => {
    const scale = [{ points: 1, label: 'Low' }, { points: 2, label: 'High' }];
    const criterion = { id: 'quality', title: 'Quality', description: 'd' };
    const messages = (rubric: unknown) => {
      const parsed = peerRubricSchema.safeParse(rubric);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(messages({ scale, criteria: [criterion] })).toEqual([]);
    expect(messages({ scale: [scale[1], scale[0]], criteria: [criterion] })).toEqual(['scale.1.points: must be more than the entry before it (2): list the scale lowest first']);
    expect(messages({ scale, criteria: [criterion, criterion] })).toEqual(['criteria.1.id: "quality" is used twice: give each criterion its own id']);
    expect(messages({ scale, criteria: [{ ...criterion, levels: ['only one'] }] })).toEqual(['criteria.0.levels: has 1 entries but the scale has 2: give one sentence per point of the scale, lowest first']);
    expect(peerReviewSchema.parse({ exercise: 'x', instructions: 'i', rubric: { scale, criteria: [criterion] } })).toMatchObject({ reviewers: 2, dueDays: 3 });
  });

  it('names a peer-reviewed exercise or reviewer level that is not there', () => {
    const set = loadContent(root);
    const program = set.programs.find((p) => p.data.id === 'clean-timestamp');
    const cert = set.certifications[0];
    if (!program?.data.peerReview || !cert) throw new Error('content missing');
    const broken = {
      ...set,
      programs: [{ ...program, data: { ...program.data, peerReview: { ...program.data.peerReview, exercise: 's2-final-projct' } } }],
      certifications: [
        {
          ...cert,
          data: {
            ...cert.data,
            levels: cert.data.levels.map((l) =>
              l.assessment.type === 'case-study' && l.assessment.peerReview ? { ...l, assessment: { ...l.assessment, peerReview: { ...l.assessment.peerReview, reviewerLevels: ['profesional'] } } } : l,
            ),
          },
        },
      ],
    };
    const issues = peerReviewIssues(root, broken);
    expect(issues.map((i) => `${i.file} ${i.field}`)).toEqual([
      'content/programs/clean-timestamp/program.json peerReview.exercise',
      'assessments/clean-timestamp/certification.json levels[2].assessment.peerReview.reviewerLevels[0]',
    ]);
    expect(issues[0]?.message).toContain('no exercise "s2-final-projct"');
    expect(issues[0]?.message).toContain('s2-final-project');
    expect(issues[1]?.message).toContain('"profesional" is not a level of this certification');
  });
});
