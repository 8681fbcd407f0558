// "Show solution" for practice exercises: only after a pass or repeated real tries (solution-policy.ts),
// never for certification tasks, and recorded (instructors see who used it).
import { requireUser } from '../../../../server/auth/roles.ts';
import { hasViewedSolution, recordSolutionView } from '../../../../server/db/drafts.ts';
import { listSubmissions } from '../../../../server/db/submissions.ts';
import { solutionFiles } from '../../../../server/exercises/files.ts';
import { SOLUTION_AFTER_FAILURES, solutionAvailable } from '../../../../server/exercises/solution-policy.ts';
import { loadExerciseDefinition } from '../../../../server/exercises/view.ts';
import { HttpError, json } from '../../../../server/http.ts';
import { route } from '../../../../server/route.ts';

export const POST = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const exercise = await loadExerciseDefinition(context.params['id'] ?? '');
  if (exercise.certification) throw new HttpError(403, 'certification_task', 'Solutions are never shown for certification tasks.');
  const submissions = await listSubmissions(app.db, user.id, exercise.id, 50);
  if (!solutionAvailable(exercise, submissions, await hasViewedSolution(app.db, user.id, exercise.id))) {
    throw new HttpError(403, 'not_yet', `The solution opens after you pass, or after ${SOLUTION_AFTER_FAILURES} graded submissions that change the starter code and fail the hidden tests.`);
  }
  await recordSolutionView(app.db, user.id, exercise.id);
  return json({ files: solutionFiles(app.config.projectRoot, exercise.id) });
});
