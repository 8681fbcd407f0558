// PostgreSQL twin of ../008_report_indexes.ts: the cohort report's covering indexes.
export default `
CREATE INDEX lesson_progress_cover ON lesson_progress(user_id, program, lesson, completed_at);
CREATE INDEX submissions_practice ON submissions(user_id, exercise_id, status, created_at) WHERE attempt_id IS NULL;
`;
