// PostgreSQL twin of ../012_check_choices.ts: the option chosen for each inline check.
export default `
ALTER TABLE check_answers ADD COLUMN chosen TEXT;
`;
