// PostgreSQL twin of ../007_exposure_index.ts.
export default `
CREATE INDEX attempts_program_started ON attempts(program, started_at);
`;
