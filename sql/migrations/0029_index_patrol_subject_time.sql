-- Patrol coverage at province scale (issue 6, performance): counting one subject's patrols in a period reads the
-- index alone instead of every patrol of the subject or of the period.
CREATE INDEX patrol_subject_time_idx ON patrol (subject_id, patrolled_at);
