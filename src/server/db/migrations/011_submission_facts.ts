// Two facts about each graded submission, decided on the server when it is stored:
// - changed: 1 when the learner changed something before submitting (an editable file differs from the
//   starter as shipped, or a review lists at least one finding), 0 when not. Only changed submissions
//   that ran hidden tests count towards "show solution". Rows stored before this migration stay NULL
//   and do not count (their starter comparison was never made).
// - no_verdict: 1 when grading produced no verdict on the code (the grader failed, the server restarted
//   mid-grade, or the learner cancelled before a verdict): such a row does not use one of the graded
//   submissions a certification task allows per attempt.
export default `
ALTER TABLE submissions ADD COLUMN changed INTEGER;
ALTER TABLE submissions ADD COLUMN no_verdict INTEGER NOT NULL DEFAULT 0;
UPDATE submissions SET no_verdict = 1 WHERE status = 'error' AND json_extract(result, '$.message') LIKE 'Grading was interrupted%';
`;
