// Which certificate replaced a re-issued one, so the public verification page and JSON can say
// "Superseded by <id>" instead of a bare revocation. Set only when a re-issue itself retired the old
// certificate; one revoked for its own reason keeps that reason and no successor. Certificates
// re-issued before this migration get theirs from the audit log's re-issue entries.
export default `
ALTER TABLE certificates ADD COLUMN superseded_by TEXT REFERENCES certificates(id);
UPDATE certificates SET superseded_by = (
    SELECT json_extract(a.detail, '$.replacement') FROM audit_log a
    WHERE a.action = 'certificate.reissue' AND a.subject = certificates.id
      AND json_extract(a.detail, '$.replacement') IN (SELECT id FROM certificates)
    ORDER BY a.at DESC LIMIT 1)
  WHERE revoked_at IS NOT NULL AND revoked_reason LIKE 'Superseded by re-issued certificate %';
`;
