-- Patrol coverage at province scale (issue 8, performance): the patrols of each subject per China calendar year,
-- one row per subject and year with a column per month, replacing patrol_subject_month (0033). Coverage reads the
-- whole months of a period from here — the months of one year are columns of one row, so a period inside a year
-- joins one row per subject, without grouping — and the partial edge days from patrol itself (docs/patrols.md,
-- "Coverage"). With a million subjects and five million patrols the monthly rollup had five million rows that had
-- to be grouped per subject for every period (2.2 s for a year and the year before); these are two million rows,
-- each joined to its subject by key (1.1 s).
--
-- Kept exact by statement triggers in the writing transaction, as 0033's were: an insert adds its patrols, a delete
-- subtracts them, an update moves the ones whose subject or month changed (old month −1, new month +1); a row whose
-- twelve months all reach 0 is deleted; truncate empties it. The deltas are applied by UPDATE and INSERT … ON
-- CONFLICT DO UPDATE (row-locked, so concurrent writers of one key add up under READ COMMITTED). A rollup that was
-- bypassed (a bulk load with triggers off and no patrol_subject_year_rebuild()) fails loudly — a month cannot go
-- below 0 (CHECK) — instead of drifting. Not audited: derived from the audited writes of patrol.
--
-- Row-level security: an account reads the rows of the subjects it may read (the subject's policy). Unlike 0033's
-- rows, which carried the patrol's village, a subject moved out of an account's jurisdiction after some patrols
-- counts them all for an account that sees the subject (whole months); the edge days still read patrol under its
-- own policy.

CREATE TABLE patrol_subject_year (
  subject_id  bigint NOT NULL REFERENCES production_subject (id) ON DELETE CASCADE,
  year        smallint NOT NULL,
  m01         integer NOT NULL DEFAULT 0,
  m02         integer NOT NULL DEFAULT 0,
  m03         integer NOT NULL DEFAULT 0,
  m04         integer NOT NULL DEFAULT 0,
  m05         integer NOT NULL DEFAULT 0,
  m06         integer NOT NULL DEFAULT 0,
  m07         integer NOT NULL DEFAULT 0,
  m08         integer NOT NULL DEFAULT 0,
  m09         integer NOT NULL DEFAULT 0,
  m10         integer NOT NULL DEFAULT 0,
  m11         integer NOT NULL DEFAULT 0,
  m12         integer NOT NULL DEFAULT 0,
  CONSTRAINT patrol_subject_year_pkey PRIMARY KEY (subject_id, year),
  CONSTRAINT patrol_subject_year_patrols_check CHECK (m01 >= 0 AND m02 >= 0 AND m03 >= 0 AND m04 >= 0 AND m05 >= 0 AND m06 >= 0 AND m07 >= 0 AND m08 >= 0 AND m09 >= 0 AND m10 >= 0 AND m11 >= 0 AND m12 >= 0)
);
COMMENT ON TABLE patrol_subject_year IS 'Derived, kept by triggers on patrol: patrols per subject and China calendar year, a column per month (one row per subject and year with at least one patrol).';
COMMENT ON COLUMN patrol_subject_year.subject_id IS 'The production subject patrolled (patrol.subject_id).';
COMMENT ON COLUMN patrol_subject_year.year IS 'China (Asia/Shanghai) calendar year of patrol.patrolled_at.';
COMMENT ON COLUMN patrol_subject_year.m01 IS 'Patrols of the subject in January of the year (m02 … m12: February … December).';

-- Derived data: read under the subject's policy, written only by the functions below (SECURITY DEFINER).
SELECT app_protect_by_grid('patrol_subject_year',
  '(SELECT coalesce(s.grid_id, s.owner_grid_id) FROM production_subject s WHERE s.id = subject_id)');
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON patrol_subject_year FROM nongan_app;

-- Adds signed counts per (subject, month) (parallel arrays; several per key are summed): existing rows are updated,
-- new ones inserted, and the years left with no patrol deleted. A month that would go below 0 means the rollup was
-- bypassed: the CHECK makes that an error. (Taken-away counts are never part of an INSERT … ON CONFLICT: its
-- CHECK applies to the proposed row before the conflict is seen.)
CREATE FUNCTION patrol_subject_year_apply(subject_ids bigint[], months date[], deltas integer[])
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE patrol_subject_year r SET
    m01 = r.m01 + k.m01,
    m02 = r.m02 + k.m02,
    m03 = r.m03 + k.m03,
    m04 = r.m04 + k.m04,
    m05 = r.m05 + k.m05,
    m06 = r.m06 + k.m06,
    m07 = r.m07 + k.m07,
    m08 = r.m08 + k.m08,
    m09 = r.m09 + k.m09,
    m10 = r.m10 + k.m10,
    m11 = r.m11 + k.m11,
    m12 = r.m12 + k.m12
  FROM (SELECT x.subject_id, extract(year FROM x.month)::smallint AS year,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 1), 0)::int AS m01,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 2), 0)::int AS m02,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 3), 0)::int AS m03,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 4), 0)::int AS m04,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 5), 0)::int AS m05,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 6), 0)::int AS m06,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 7), 0)::int AS m07,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 8), 0)::int AS m08,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 9), 0)::int AS m09,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 10), 0)::int AS m10,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 11), 0)::int AS m11,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 12), 0)::int AS m12
    FROM unnest(subject_ids, months, deltas) AS x(subject_id, month, delta) GROUP BY 1, 2) k
  WHERE r.subject_id = k.subject_id AND r.year = k.year;
  -- Keys without a row yet, in key order; one inserted meanwhile by a concurrent writer is added to.
  INSERT INTO patrol_subject_year AS r (subject_id, year, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12)
  SELECT * FROM (SELECT x.subject_id, extract(year FROM x.month)::smallint AS year,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 1), 0)::int AS m01,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 2), 0)::int AS m02,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 3), 0)::int AS m03,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 4), 0)::int AS m04,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 5), 0)::int AS m05,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 6), 0)::int AS m06,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 7), 0)::int AS m07,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 8), 0)::int AS m08,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 9), 0)::int AS m09,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 10), 0)::int AS m10,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 11), 0)::int AS m11,
      coalesce(sum(x.delta) FILTER (WHERE extract(month FROM x.month) = 12), 0)::int AS m12
    FROM unnest(subject_ids, months, deltas) AS x(subject_id, month, delta) GROUP BY 1, 2) k
  WHERE NOT EXISTS (SELECT 1 FROM patrol_subject_year e WHERE e.subject_id = k.subject_id AND e.year = k.year)
  ORDER BY 1, 2
  ON CONFLICT (subject_id, year) DO UPDATE SET
    m01 = r.m01 + excluded.m01,
    m02 = r.m02 + excluded.m02,
    m03 = r.m03 + excluded.m03,
    m04 = r.m04 + excluded.m04,
    m05 = r.m05 + excluded.m05,
    m06 = r.m06 + excluded.m06,
    m07 = r.m07 + excluded.m07,
    m08 = r.m08 + excluded.m08,
    m09 = r.m09 + excluded.m09,
    m10 = r.m10 + excluded.m10,
    m11 = r.m11 + excluded.m11,
    m12 = r.m12 + excluded.m12;
  DELETE FROM patrol_subject_year r
  USING (SELECT DISTINCT x.subject_id, extract(year FROM x.month)::smallint AS year
         FROM unnest(subject_ids, months) AS x(subject_id, month)) k
  WHERE r.subject_id = k.subject_id AND r.year = k.year AND r.m01 = 0 AND r.m02 = 0 AND r.m03 = 0 AND r.m04 = 0 AND r.m05 = 0 AND r.m06 = 0 AND r.m07 = 0 AND r.m08 = 0 AND r.m09 = 0 AND r.m10 = 0 AND r.m11 = 0 AND r.m12 = 0;
EXCEPTION WHEN check_violation THEN
  RAISE EXCEPTION 'patrol_subject_year is out of step with patrol (run patrol_subject_year_rebuild())';
END $$;
COMMENT ON FUNCTION patrol_subject_year_apply(bigint[], date[], integer[]) IS 'Adds signed patrol counts per subject and month to patrol_subject_year (called by the statement triggers on patrol).';

CREATE FUNCTION patrol_subject_year_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s bigint[];
  m date[];
  d integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(x.subject_id), array_agg(patrol_month(x.patrolled_at)), array_agg(1) INTO s, m, d FROM new_rows x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(x.subject_id), array_agg(patrol_month(x.patrolled_at)), array_agg(-1) INTO s, m, d FROM old_rows x;
  ELSE
    SELECT array_agg(x.subject_id), array_agg(x.month), array_agg(x.delta) INTO s, m, d FROM (
      SELECT o.subject_id, patrol_month(o.patrolled_at) AS month, -1 AS delta
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.subject_id, patrol_month(o.patrolled_at)) IS DISTINCT FROM (n.subject_id, patrol_month(n.patrolled_at))
      UNION ALL
      SELECT n.subject_id, patrol_month(n.patrolled_at), 1
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.subject_id, patrol_month(o.patrolled_at)) IS DISTINCT FROM (n.subject_id, patrol_month(n.patrolled_at))) x;
  END IF;
  IF coalesce(cardinality(s), 0) > 0 THEN
    PERFORM patrol_subject_year_apply(s, m, d);
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION patrol_subject_year_changed() IS 'Statement trigger on patrol: applies the inserted, deleted and moved patrols to patrol_subject_year.';

CREATE FUNCTION patrol_subject_year_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM patrol_subject_year;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION patrol_subject_year_truncated() IS 'Statement trigger on patrol: a truncate of patrol empties patrol_subject_year.';

-- Recomputes the whole rollup from patrol (the backfill below; bulk loads that ran with triggers off).
CREATE FUNCTION patrol_subject_year_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE patrol IN SHARE MODE;
  LOCK TABLE patrol_subject_year IN EXCLUSIVE MODE;
  DELETE FROM patrol_subject_year;
  INSERT INTO patrol_subject_year (subject_id, year, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12)
  SELECT m.subject_id, extract(year FROM m.month)::smallint,
    count(*) FILTER (WHERE extract(month FROM m.month) = 1)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 2)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 3)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 4)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 5)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 6)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 7)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 8)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 9)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 10)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 11)::int,
    count(*) FILTER (WHERE extract(month FROM m.month) = 12)::int
  FROM (SELECT subject_id, patrol_month(patrolled_at) AS month FROM patrol) m
  GROUP BY 1, 2 ORDER BY 1, 2;
END $$;
COMMENT ON FUNCTION patrol_subject_year_rebuild() IS 'Recomputes the whole patrol_subject_year from patrol (the migration''s backfill; bulk loads that ran with triggers off).';

CREATE TRIGGER patrol_subject_year_insert AFTER INSERT ON patrol REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_subject_year_changed();
CREATE TRIGGER patrol_subject_year_update AFTER UPDATE ON patrol REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_subject_year_changed();
CREATE TRIGGER patrol_subject_year_delete AFTER DELETE ON patrol REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_subject_year_changed();
CREATE TRIGGER patrol_subject_year_truncate AFTER TRUNCATE ON patrol
  FOR EACH STATEMENT EXECUTE FUNCTION patrol_subject_year_truncated();

SELECT patrol_subject_year_rebuild();

-- The monthly rollup it replaces (0033); patrol_month() stays (the triggers above use it).
DROP TRIGGER patrol_subject_month_insert ON patrol;
DROP TRIGGER patrol_subject_month_update ON patrol;
DROP TRIGGER patrol_subject_month_delete ON patrol;
DROP TRIGGER patrol_subject_month_truncate ON patrol;
DROP FUNCTION patrol_subject_month_changed();
DROP FUNCTION patrol_subject_month_truncated();
DROP FUNCTION patrol_subject_month_rebuild();
DROP FUNCTION patrol_subject_month_apply(bigint[], date[], bigint[], integer[]);
DROP TABLE patrol_subject_month;
