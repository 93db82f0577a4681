-- Open rectifications at province scale (issue 8, performance): a rectification is open on a day unless it was
-- closed or a compliant patrol of its subject came after it by then (OPEN_ON in indicators.repository.ts). With
-- 5 million patrols that test hashed every compliant patrol (2.7 s for the whole province); with these two
-- indexes it reads the rectifications from one index alone and probes the subject's compliant patrols in another
-- (1.1 s).
CREATE INDEX patrol_compliant_subject_time_idx ON patrol (subject_id, patrolled_at) WHERE outcome = 'compliant';

-- The rectifications of a grid with what the open test needs, so they are read without visiting the table; replaces
-- patrol_rectify_idx (0025), whose key it keeps.
CREATE INDEX patrol_rectify_grid_time_idx ON patrol (grid_id, patrolled_at)
  INCLUDE (subject_id, closed_at, rectify_deadline) WHERE outcome = 'rectify';
DROP INDEX patrol_rectify_idx;

-- Same columns as patrol_subject_time_idx (0029): a second copy only slowed every patrol written.
DROP INDEX patrol_subject_patrolled_at_idx;
