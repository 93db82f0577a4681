-- Open rectifications at province scale (issue 8, performance): each rectification (a patrol with outcome
-- 'rectify') with the time of its subject's first compliant patrol after it, so "open on day d" is a test of the
-- row's own columns: found before the end of d, not closed by then, and no compliant patrol of the subject between
-- it and the end of d (fixed_at, when there is one, falls at or after the end of d). The dashboard counted that with
-- an index probe of the compliant patrols for every rectification, for each of the two days it asks about (400,000
-- rectifications: 0.85 s at full scale); it now reads this table once for both (docs/dashboard.md, "Benchmark").
--
-- Kept exact by statement triggers on patrol in the writing transaction: every statement that could change a row
-- here (a patrol inserted or deleted; its subject, outcome, time, village, deadline or closure changed) recomputes the
-- rows of the subjects it touches — old and new subject of a changed patrol — from patrol itself; truncate empties
-- it. Concurrency (READ COMMITTED): the recompute first takes a transaction advisory lock per bucket of its
-- subjects, then reads with a fresh snapshot, so two writers of one subject run one after the other and the second
-- sees the first's committed patrols (as sample_rollup, 0031). Not audited: derived from the audited writes of patrol.
--
-- Row-level security: read under patrol's policy (the rectification's village). The first compliant patrol is looked
-- for among all the subject's patrols (the trigger runs as the owner): a compliant patrol filed in a village outside
-- an account's jurisdiction — the subject moved — still ends the rectification for that account.

CREATE TABLE patrol_rectification (
  patrol_id        bigint PRIMARY KEY REFERENCES patrol (id) ON DELETE CASCADE,
  subject_id       bigint NOT NULL,
  grid_id          bigint,
  patrolled_at     timestamptz NOT NULL,
  rectify_deadline date,
  closed_at        timestamptz,
  fixed_at         timestamptz,
  CONSTRAINT patrol_rectification_fixed_check CHECK (fixed_at > patrolled_at)
);
COMMENT ON TABLE patrol_rectification IS 'Derived, kept by triggers on patrol: every rectification (patrol with outcome rectify) with the time of its subject''s first compliant patrol after it.';
COMMENT ON COLUMN patrol_rectification.patrol_id IS 'The rectification: patrol.id of a patrol with outcome rectify.';
COMMENT ON COLUMN patrol_rectification.subject_id IS 'patrol.subject_id of the rectification.';
COMMENT ON COLUMN patrol_rectification.grid_id IS 'patrol.grid_id of the rectification (its village).';
COMMENT ON COLUMN patrol_rectification.patrolled_at IS 'patrol.patrolled_at of the rectification.';
COMMENT ON COLUMN patrol_rectification.rectify_deadline IS 'patrol.rectify_deadline of the rectification.';
COMMENT ON COLUMN patrol_rectification.closed_at IS 'patrol.closed_at of the rectification (closed by a follow-up patrol).';
COMMENT ON COLUMN patrol_rectification.fixed_at IS 'patrolled_at of the subject''s first compliant patrol after the rectification (NULL: none yet).';

CREATE INDEX patrol_rectification_subject_idx ON patrol_rectification (subject_id);
-- A scope of a few villages (the drill-down) reads its rows by village.
CREATE INDEX patrol_rectification_grid_idx ON patrol_rectification (grid_id, patrolled_at)
  INCLUDE (rectify_deadline, closed_at, fixed_at);

-- Derived data: read under patrol's policy, written only by the functions below (SECURITY DEFINER).
SELECT app_protect_by_grid('patrol_rectification', 'grid_id');
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON patrol_rectification FROM nongan_app;

-- Recomputes the rows of the given subjects from patrol, or all of them when subject_ids is NULL (the backfill).
CREATE FUNCTION patrol_rectification_fill(subject_ids bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF subject_ids IS NULL THEN
    DELETE FROM patrol_rectification;
  ELSE
    DELETE FROM patrol_rectification WHERE subject_id = ANY (subject_ids);
  END IF;
  INSERT INTO patrol_rectification (patrol_id, subject_id, grid_id, patrolled_at, rectify_deadline, closed_at, fixed_at)
  SELECT p.id, p.subject_id, p.grid_id, p.patrolled_at, p.rectify_deadline, p.closed_at,
    (SELECT min(c.patrolled_at) FROM patrol c
     WHERE c.subject_id = p.subject_id AND c.outcome = 'compliant' AND c.patrolled_at > p.patrolled_at)
  FROM patrol p
  WHERE p.outcome = 'rectify' AND (subject_ids IS NULL OR p.subject_id = ANY (subject_ids))
  ORDER BY p.id;
END $$;
COMMENT ON FUNCTION patrol_rectification_fill(bigint[]) IS 'Recomputes patrol_rectification for the given subjects from patrol, or all of it when subject_ids is NULL.';

-- Locks the subjects' buckets (so concurrent writers of one subject run one after the other) and recomputes them.
CREATE FUNCTION patrol_rectification_refresh(subject_ids bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF coalesce(cardinality(subject_ids), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(8037, b) FROM (
    SELECT DISTINCT (abs(hashtextextended(s::text, 0)) % 256)::int AS b
    FROM unnest(subject_ids) AS s WHERE s IS NOT NULL ORDER BY 1) l;
  PERFORM patrol_rectification_fill(subject_ids);
END $$;
COMMENT ON FUNCTION patrol_rectification_refresh(bigint[]) IS 'Recomputes the given subjects'' patrol_rectification rows under per-bucket advisory locks (called by the statement triggers).';

CREATE FUNCTION patrol_rectification_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE patrol IN SHARE MODE;
  LOCK TABLE patrol_rectification IN EXCLUSIVE MODE;
  PERFORM patrol_rectification_fill(NULL);
END $$;
COMMENT ON FUNCTION patrol_rectification_rebuild() IS 'Recomputes the whole patrol_rectification from patrol (the migration''s backfill; bulk loads that ran with triggers off).';

-- Only the triggers (running as the owner) and the owner call these.
REVOKE EXECUTE ON FUNCTION patrol_rectification_fill(bigint[]), patrol_rectification_refresh(bigint[]),
  patrol_rectification_rebuild() FROM PUBLIC;

CREATE FUNCTION patrol_rectification_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s bigint[];
BEGIN
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'INSERT' THEN
    s := ARRAY(SELECT DISTINCT subject_id FROM new_rows WHERE outcome IN ('rectify', 'compliant'));
  ELSIF TG_OP = 'DELETE' THEN
    s := ARRAY(SELECT DISTINCT subject_id FROM old_rows WHERE outcome IN ('rectify', 'compliant'));
  ELSE
    -- The old and the new subject of each patrol whose kept columns changed.
    s := ARRAY(
      SELECT DISTINCT k FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(ARRAY[o.subject_id, n.subject_id]) k
      WHERE (o.subject_id, o.outcome, o.patrolled_at, o.grid_id, o.rectify_deadline, o.closed_at)
            IS DISTINCT FROM (n.subject_id, n.outcome, n.patrolled_at, n.grid_id, n.rectify_deadline, n.closed_at));
  END IF;
  PERFORM patrol_rectification_refresh(s);
  RETURN NULL;
END $$;
COMMENT ON FUNCTION patrol_rectification_changed() IS 'Statement trigger on patrol: recomputes patrol_rectification for the subjects of the inserted, deleted and changed patrols.';

CREATE FUNCTION patrol_rectification_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM patrol_rectification;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION patrol_rectification_truncated() IS 'Statement trigger on patrol: a truncate of patrol empties patrol_rectification.';

CREATE TRIGGER patrol_rectification_insert AFTER INSERT ON patrol REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_rectification_changed();
CREATE TRIGGER patrol_rectification_update AFTER UPDATE ON patrol REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_rectification_changed();
CREATE TRIGGER patrol_rectification_delete AFTER DELETE ON patrol REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_rectification_changed();
CREATE TRIGGER patrol_rectification_truncate AFTER TRUNCATE ON patrol
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_rectification_truncated();

SELECT patrol_rectification_rebuild();
