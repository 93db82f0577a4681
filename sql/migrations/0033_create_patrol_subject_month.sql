-- Patrol coverage at province scale (issues 6 and 8): the patrols of each subject per China calendar month, so
-- coverage (GET /api/patrols/coverage, the dashboard's patrol_coverage) reads whole months here and only a period's
-- partial edge days from patrol itself (docs/patrols.md, "Coverage").
--
-- Kept exact by statement triggers in the writing transaction: an insert adds its patrols, a delete subtracts them,
-- an update moves the ones whose subject, time or village changed (old key −1, new key +1); truncate empties it.
-- The deltas are applied as UPDATE (taken away) and INSERT … ON CONFLICT DO UPDATE (added), both row-locked, so
-- concurrent writers of one key add up under READ COMMITTED; a key whose count reaches 0 is deleted. A rollup
-- that was bypassed (a bulk load with triggers off and no patrol_subject_month_rebuild()) fails loudly (CHECK
-- patrols >= 0, missing key) instead of drifting. Not audited: derived from the audited writes of patrol (like
-- layer_version).
--
-- The village of the patrols (patrol.grid_id, the subject's village when it was written) is part of the key so the
-- rollup has exactly the row-level security of patrol: an account sees the counts of the patrols it may see.

CREATE TABLE patrol_subject_month (
  subject_id  bigint NOT NULL REFERENCES production_subject (id) ON DELETE CASCADE,
  month       date NOT NULL,
  grid_id     bigint REFERENCES grid_unit (id) ON DELETE CASCADE,
  patrols     integer NOT NULL,
  CONSTRAINT patrol_subject_month_month_check CHECK (extract(day FROM month) = 1),
  CONSTRAINT patrol_subject_month_patrols_check CHECK (patrols >= 0)
);
COMMENT ON TABLE patrol_subject_month IS 'Derived, kept by triggers on patrol: patrols per subject, China calendar month and village (one row per group with at least one patrol).';
COMMENT ON COLUMN patrol_subject_month.subject_id IS 'The production subject patrolled (patrol.subject_id).';
COMMENT ON COLUMN patrol_subject_month.month IS 'First day of the China (Asia/Shanghai) calendar month of patrol.patrolled_at.';
COMMENT ON COLUMN patrol_subject_month.grid_id IS 'Village grid of the patrols (patrol.grid_id); decides who may read the row, as for patrol.';
COMMENT ON COLUMN patrol_subject_month.patrols IS 'Number of patrols of the group (> 0 after every statement; a row brought to 0 is deleted).';

-- INCLUDE (patrols): coverage sums a subject's months from the index alone (index-only scan).
CREATE UNIQUE INDEX patrol_subject_month_key ON patrol_subject_month (subject_id, month, grid_id) INCLUDE (patrols)
  NULLS NOT DISTINCT;

-- Derived data: read under the patrol's policy, written only by the functions below (SECURITY DEFINER).
SELECT app_protect_by_grid('patrol_subject_month', 'grid_id');
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON patrol_subject_month FROM nongan_app;

-- The month of a patrol time.
CREATE FUNCTION patrol_month(t timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', t AT TIME ZONE 'Asia/Shanghai')::date
$$;
COMMENT ON FUNCTION patrol_month(timestamptz) IS 'First day of the China calendar month of a time (the month of patrol_subject_month).';

-- Adds signed counts per key (parallel arrays; duplicate keys are summed) and drops keys left at 0. A key that
-- would go below 0 or is missing when patrols are taken away means the rollup was bypassed: an error, not a drift.
CREATE FUNCTION patrol_subject_month_apply(subject_ids bigint[], months date[], grid_ids bigint[], deltas integer[])
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s bigint[];
  m date[];
  g bigint[];
  d integer[];
  minus integer;
  touched integer;
BEGIN
  SELECT array_agg(k.subject_id ORDER BY k.subject_id, k.month, k.grid_id), array_agg(k.month ORDER BY k.subject_id, k.month, k.grid_id),
         array_agg(k.grid_id ORDER BY k.subject_id, k.month, k.grid_id), array_agg(k.delta ORDER BY k.subject_id, k.month, k.grid_id)
    INTO s, m, g, d
  FROM (SELECT x.subject_id, x.month, x.grid_id, sum(x.delta)::int AS delta
        FROM unnest(subject_ids, months, grid_ids, deltas) AS x(subject_id, month, grid_id, delta)
        GROUP BY x.subject_id, x.month, x.grid_id HAVING sum(x.delta) <> 0) k;
  IF s IS NULL THEN
    RETURN;
  END IF;
  -- Patrols taken away: the keys exist (a CHECK refuses a count below 0).
  SELECT count(*) INTO minus FROM unnest(d) AS x(delta) WHERE x.delta < 0;
  IF minus > 0 THEN
    UPDATE patrol_subject_month r SET patrols = r.patrols + k.delta
    FROM unnest(s, m, g, d) AS k(subject_id, month, grid_id, delta)
    WHERE k.delta < 0 AND r.subject_id = k.subject_id AND r.month = k.month AND r.grid_id IS NOT DISTINCT FROM k.grid_id;
    GET DIAGNOSTICS touched = ROW_COUNT;
    IF touched <> minus THEN
      RAISE EXCEPTION 'patrol_subject_month is out of step with patrol (run patrol_subject_month_rebuild())';
    END IF;
    DELETE FROM patrol_subject_month r USING unnest(s, m, g, d) AS k(subject_id, month, grid_id, delta)
    WHERE k.delta < 0 AND r.subject_id = k.subject_id AND r.month = k.month
      AND r.grid_id IS NOT DISTINCT FROM k.grid_id AND r.patrols = 0;
  END IF;
  -- Patrols added, in key order.
  INSERT INTO patrol_subject_month AS r (subject_id, month, grid_id, patrols)
  SELECT k.subject_id, k.month, k.grid_id, k.delta FROM unnest(s, m, g, d) WITH ORDINALITY AS k(subject_id, month, grid_id, delta, i)
  WHERE k.delta > 0 ORDER BY k.i
  ON CONFLICT (subject_id, month, grid_id) DO UPDATE SET patrols = r.patrols + excluded.patrols;
END $$;
COMMENT ON FUNCTION patrol_subject_month_apply(bigint[], date[], bigint[], integer[]) IS 'Adds signed patrol counts to patrol_subject_month keys (called by the statement triggers on patrol).';

CREATE FUNCTION patrol_subject_month_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s bigint[];
  m date[];
  g bigint[];
  d integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(x.subject_id), array_agg(patrol_month(x.patrolled_at)), array_agg(x.grid_id), array_agg(1)
      INTO s, m, g, d FROM new_rows x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(x.subject_id), array_agg(patrol_month(x.patrolled_at)), array_agg(x.grid_id), array_agg(-1)
      INTO s, m, g, d FROM old_rows x;
  ELSE
    SELECT array_agg(x.subject_id), array_agg(x.month), array_agg(x.grid_id), array_agg(x.delta) INTO s, m, g, d FROM (
      SELECT o.subject_id, patrol_month(o.patrolled_at) AS month, o.grid_id, -1 AS delta
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.subject_id, patrol_month(o.patrolled_at), o.grid_id) IS DISTINCT FROM
            (n.subject_id, patrol_month(n.patrolled_at), n.grid_id)
      UNION ALL
      SELECT n.subject_id, patrol_month(n.patrolled_at), n.grid_id, 1
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.subject_id, patrol_month(o.patrolled_at), o.grid_id) IS DISTINCT FROM
            (n.subject_id, patrol_month(n.patrolled_at), n.grid_id)) x;
  END IF;
  IF coalesce(cardinality(s), 0) > 0 THEN
    PERFORM patrol_subject_month_apply(s, m, g, d);
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION patrol_subject_month_changed() IS 'Statement trigger on patrol: applies the inserted, deleted and moved patrols to patrol_subject_month.';

CREATE FUNCTION patrol_subject_month_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM patrol_subject_month;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION patrol_subject_month_truncated() IS 'Statement trigger on patrol: a truncate of patrol empties patrol_subject_month.';

-- Recomputes the whole rollup from patrol (the backfill below; bulk loads that ran with triggers off).
CREATE FUNCTION patrol_subject_month_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE patrol IN SHARE MODE;
  LOCK TABLE patrol_subject_month IN EXCLUSIVE MODE;
  DELETE FROM patrol_subject_month;
  INSERT INTO patrol_subject_month (subject_id, month, grid_id, patrols)
  SELECT subject_id, patrol_month(patrolled_at), grid_id, count(*) FROM patrol
  GROUP BY subject_id, patrol_month(patrolled_at), grid_id ORDER BY 1, 2, 3;
END $$;
COMMENT ON FUNCTION patrol_subject_month_rebuild() IS 'Recomputes the whole patrol_subject_month from patrol (the migration''s backfill; bulk loads that ran with triggers off).';

CREATE TRIGGER patrol_subject_month_insert AFTER INSERT ON patrol REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_subject_month_changed();
CREATE TRIGGER patrol_subject_month_update AFTER UPDATE ON patrol REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_subject_month_changed();
CREATE TRIGGER patrol_subject_month_delete AFTER DELETE ON patrol REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_subject_month_changed();
CREATE TRIGGER patrol_subject_month_truncate AFTER TRUNCATE ON patrol
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_subject_month_truncated();

SELECT patrol_subject_month_rebuild();
