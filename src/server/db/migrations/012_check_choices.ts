// The option a learner chose for each inline lesson check, so the lesson shows it again after a
// reload. Stored as the option's text, not its position: authors reorder options (to spread the
// keys), and a stored index would then point at a different answer. Rows written before this
// migration recorded only right or wrong and stay NULL: those checks show as unanswered.
export default `
ALTER TABLE check_answers ADD COLUMN chosen TEXT;
`;
