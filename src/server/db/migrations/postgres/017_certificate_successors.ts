// PostgreSQL twin of ../017_certificate_successors.ts: which certificate replaced a re-issued one,
// backfilled from the audit log's re-issue entries (a CTE keeps the JSON cast off other entries).
export default `
ALTER TABLE certificates ADD COLUMN superseded_by TEXT REFERENCES certificates(id);
WITH reissues AS MATERIALIZED (
  SELECT subject, at, detail::jsonb ->> 'replacement' AS replacement FROM audit_log WHERE action = 'certificate.reissue')
UPDATE certificates SET superseded_by = (
    SELECT r.replacement FROM reissues r
    WHERE r.subject = certificates.id AND r.replacement IN (SELECT id FROM certificates)
    ORDER BY r.at DESC LIMIT 1)
  WHERE revoked_at IS NOT NULL AND revoked_reason LIKE 'Superseded by re-issued certificate %';
`;
