// Cross-file checks of peer review in content: a program's "peerReview" names one of its own practice
// exercises, and a case study's "peerReview.reviewerLevels" are levels of its certification.
import type { ContentSet } from './files.ts';
import type { ContentIssue } from './issues.ts';
import { missingExercise } from './exercise-refs.ts';
import { didYouMean, listNames } from './suggest.ts';

export function peerReviewIssues(root: string, set: ContentSet): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const { file, data: program } of set.programs) {
    const review = program.peerReview;
    if (!review) continue;
    const exercise = set.exercises.find((e) => e.data.id === review.exercise)?.data;
    const own = set.exercises.filter((e) => e.data.program === program.id && !e.data.certification).map((e) => e.data.id);
    if (!exercise) issues.push({ file, field: 'peerReview.exercise', message: missingExercise(root, review.exercise, own) });
    else if (exercise.program !== program.id) issues.push({ file, field: 'peerReview.exercise', message: `exercise "${exercise.id}" belongs to program "${exercise.program}": peer review is of one of this program's own exercises` });
    else if (exercise.certification) issues.push({ file, field: 'peerReview.exercise', message: `exercise "${exercise.id}" is a certification task, graded only inside an attempt: peer review takes a practice exercise's passing submission` });
  }
  for (const { file, data: cert } of set.certifications) {
    const ids = cert.levels.map((l) => l.id);
    cert.levels.forEach((level, li) => {
      for (const [where, assessment] of [[`levels[${li}].assessment`, level.assessment], [`levels[${li}].recertification.assessment`, level.recertification?.assessment]] as const) {
        if (assessment?.type !== 'case-study' || !assessment.peerReview) continue;
        assessment.peerReview.reviewerLevels.forEach((id, i) => {
          if (!ids.includes(id)) issues.push({ file, field: `${where}.peerReview.reviewerLevels[${i}]`, message: `"${id}" is not a level of this certification (${listNames(ids)})${didYouMean(id, ids)}` });
        });
      }
    });
  }
  return issues;
}
