// Question exposure is measured over a program's most recent attempts: index them by start time.
export default `
CREATE INDEX attempts_program_started ON attempts(program, started_at);
`;
