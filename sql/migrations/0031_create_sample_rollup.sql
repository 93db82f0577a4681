-- Dashboard rollup of samples (issue 8): the period counts of the sample indicators per village grid, China calendar
-- month and kind, so a whole-province level reads about 10,000 villages × months instead of millions of samples
-- (docs/dashboard.md, "Benchmark"). The indicator queries read whole months here and only a period's partial edge
-- days from sample itself.
--
-- Kept exact by statement triggers in the writing transaction: every statement that could change a count recomputes
-- the (village, month, kind) rows it touches from the records, so the rollup never drifts:
--   sample            insert, delete, and updates of grid_id, kind, sampled_at, subject_id or verdict (a verdict
--                     follows its results through sample_refresh_verdict(), an UPDATE of sample); truncate empties it;
--   sample_result     insert, delete, and updates of sample_id, analyte or verdict (the banned-analyte counts);
--   production_subject updates that add the first or remove the last certification (certified counts);
--   analyte           inserts, deletes and updates that change which names are banned (banned counts).
-- The subject's own village is not used (a sample counts where it was taken, sample.grid_id), nor is anything of
-- the grid tree: the township of a village is joined at read time, so moving a village needs no maintenance.
-- Concurrency (READ COMMITTED): a recompute first takes a transaction advisory lock per bucket of its keys (and a
-- share lock on the sampled subjects, against a concurrent certification change), then reads with a fresh snapshot,
-- so two writers of one village-month are serialised and the second sees the first's committed rows. (Writers of
-- sample are already serialised today by the layer_version row their statement trigger bumps; the locks keep the
-- rollup right without relying on that.)

CREATE TABLE sample_rollup (
  grid_id        bigint NOT NULL REFERENCES grid_unit (id) ON DELETE CASCADE,
  month          date NOT NULL,
  kind           text NOT NULL,
  samples        integer NOT NULL,
  judged         integer NOT NULL,
  passed         integer NOT NULL,
  cert_judged    integer NOT NULL,
  cert_passed    integer NOT NULL,
  banned_judged  integer NOT NULL,
  banned_passed  integer NOT NULL,
  days           integer NOT NULL,
  CONSTRAINT sample_rollup_pkey PRIMARY KEY (grid_id, month, kind),
  CONSTRAINT sample_rollup_month_check CHECK (extract(day FROM month) = 1),
  CONSTRAINT sample_rollup_samples_check CHECK (samples > 0)
);
COMMENT ON TABLE sample_rollup IS 'Derived, kept by triggers: sample counts of the dashboard per village grid, China calendar month and kind (one row per group with at least one sample).';
COMMENT ON COLUMN sample_rollup.grid_id IS 'Village grid where the samples were taken (sample.grid_id).';
COMMENT ON COLUMN sample_rollup.month IS 'First day of the China (Asia/Shanghai) calendar month of sample.sampled_at.';
COMMENT ON COLUMN sample_rollup.kind IS 'sample.kind: routine, supervisory, rapid or quantitative.';
COMMENT ON COLUMN sample_rollup.samples IS 'Samples of the group.';
COMMENT ON COLUMN sample_rollup.judged IS 'Samples with verdict pass or fail.';
COMMENT ON COLUMN sample_rollup.passed IS 'Samples with verdict pass.';
COMMENT ON COLUMN sample_rollup.cert_judged IS 'Judged samples of subjects with at least one 三品一标 certification.';
COMMENT ON COLUMN sample_rollup.cert_passed IS 'Passing samples of subjects with at least one certification.';
COMMENT ON COLUMN sample_rollup.banned_judged IS 'Samples with a result for a banned analyte (analyte.status = banned, by name or alias), whatever their verdict.';
COMMENT ON COLUMN sample_rollup.banned_passed IS 'Of those, samples none of whose banned-analyte results is other than pass.';
COMMENT ON COLUMN sample_rollup.days IS 'Bit mask of the days of the month with a sample of the group (bit d-1 for day d), for rapid-test days per township.';

CREATE INDEX sample_rollup_month_idx ON sample_rollup (month);

-- Derived data: read under the sample's policy, written only by the functions below (SECURITY DEFINER).
SELECT app_protect_by_grid('sample_rollup', 'grid_id');
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON sample_rollup FROM nongan_app;

-- Recomputes the rollup rows of the given keys (parallel arrays), or of everything when grid_ids is NULL.
CREATE FUNCTION sample_rollup_fill(grid_ids bigint[], months date[], kinds text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF grid_ids IS NULL THEN
    DELETE FROM sample_rollup;
  ELSE
    DELETE FROM sample_rollup r USING unnest(grid_ids, months, kinds) AS k(grid_id, month, kind)
    WHERE r.grid_id = k.grid_id AND r.month = k.month AND r.kind = k.kind;
  END IF;
  -- One static statement (its plan is cached): every sample when grid_ids is NULL, else the samples of the keys.
  WITH banned AS (SELECT coalesce(array_agg(n), '{}') AS names FROM analyte a, unnest(a.name_zh || a.aliases) n
                  WHERE a.status = 'banned'),
  keyed AS MATERIALIZED (
    SELECT s.id, s.grid_id, s.kind, s.verdict, s.subject_id, s.sampled_at FROM sample s
    WHERE grid_ids IS NULL AND s.grid_id IS NOT NULL
    UNION ALL
    SELECT s.id, s.grid_id, s.kind, s.verdict, s.subject_id, s.sampled_at
    FROM (SELECT DISTINCT * FROM unnest(grid_ids, months, kinds) AS k(grid_id, month, kind)) k
    JOIN sample s ON s.grid_id = k.grid_id AND s.kind = k.kind
     AND s.sampled_at >= (k.month::timestamp AT TIME ZONE 'Asia/Shanghai')
     AND s.sampled_at < ((k.month + interval '1 month') AT TIME ZONE 'Asia/Shanghai')
    WHERE grid_ids IS NOT NULL),
  tested AS (SELECT r.sample_id, count(*) FILTER (WHERE r.verdict <> 'pass') AS bad FROM sample_result r
             WHERE r.sample_id IN (SELECT id FROM keyed) AND r.analyte = ANY ((SELECT names FROM banned)::text[])
             GROUP BY r.sample_id),
  src AS (SELECT x.*, (x.sampled_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM keyed x)
  INSERT INTO sample_rollup (grid_id, month, kind, samples, judged, passed, cert_judged, cert_passed,
                             banned_judged, banned_passed, days)
  SELECT x.grid_id, date_trunc('month', x.day)::date, x.kind, count(*),
    count(*) FILTER (WHERE x.verdict IN ('pass', 'fail')),
    count(*) FILTER (WHERE x.verdict = 'pass'),
    count(*) FILTER (WHERE x.verdict IN ('pass', 'fail') AND cardinality(ps.certifications) > 0),
    count(*) FILTER (WHERE x.verdict = 'pass' AND cardinality(ps.certifications) > 0),
    count(t.sample_id), count(t.sample_id) FILTER (WHERE t.bad = 0),
    bit_or(1 << (extract(day FROM x.day)::int - 1))
  FROM src x LEFT JOIN production_subject ps ON ps.id = x.subject_id
  LEFT JOIN tested t ON t.sample_id = x.id
  GROUP BY x.grid_id, date_trunc('month', x.day)::date, x.kind;
END $$;
COMMENT ON FUNCTION sample_rollup_fill(bigint[], date[], text[]) IS 'Recomputes sample_rollup for the given (village, month, kind) keys from the records, or all of it when grid_ids is NULL (the backfill).';

-- Locks the keys' buckets (so concurrent writers of one village-month run one after the other) and recomputes them.
CREATE FUNCTION sample_rollup_refresh(grid_ids bigint[], months date[], kinds text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF coalesce(cardinality(grid_ids), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(8031, b) FROM (
    SELECT DISTINCT (abs(hashtextextended(k.grid_id::text || ':' || k.month::text, 0)) % 256)::int AS b
    FROM unnest(grid_ids, months) AS k(grid_id, month) WHERE k.grid_id IS NOT NULL ORDER BY 1) l;
  PERFORM sample_rollup_fill(grid_ids, months, kinds);
END $$;
COMMENT ON FUNCTION sample_rollup_refresh(bigint[], date[], text[]) IS 'Recomputes the given sample_rollup keys under per-bucket advisory locks (called by the statement triggers).';

CREATE FUNCTION sample_rollup_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE sample_rollup IN EXCLUSIVE MODE;
  PERFORM sample_rollup_fill(NULL, NULL, NULL);
END $$;
COMMENT ON FUNCTION sample_rollup_rebuild() IS 'Recomputes the whole sample_rollup (the migration''s backfill; bulk loads that ran with triggers off).';

-- Only the triggers (running as the owner) and the owner call these.
REVOKE EXECUTE ON FUNCTION sample_rollup_fill(bigint[], date[], text[]), sample_rollup_refresh(bigint[], date[], text[]),
  sample_rollup_rebuild() FROM PUBLIC;

-- The key of a sample row.
CREATE FUNCTION sample_rollup_month(t timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', t AT TIME ZONE 'Asia/Shanghai')::date
$$;
COMMENT ON FUNCTION sample_rollup_month(timestamptz) IS 'First day of the China calendar month of a time (the month of sample_rollup).';

CREATE FUNCTION sample_rollup_sample_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  g bigint[];
  m date[];
  k text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(x.grid_id), array_agg(x.month), array_agg(x.kind) INTO g, m, k FROM (
      SELECT DISTINCT grid_id, sample_rollup_month(sampled_at) AS month, kind FROM new_rows WHERE grid_id IS NOT NULL) x;
    PERFORM 1 FROM production_subject WHERE id IN (SELECT subject_id FROM new_rows) ORDER BY id FOR SHARE;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(x.grid_id), array_agg(x.month), array_agg(x.kind) INTO g, m, k FROM (
      SELECT DISTINCT grid_id, sample_rollup_month(sampled_at) AS month, kind FROM old_rows WHERE grid_id IS NOT NULL) x;
  ELSE
    SELECT array_agg(x.grid_id), array_agg(x.month), array_agg(x.kind) INTO g, m, k FROM (
      SELECT o.grid_id, sample_rollup_month(o.sampled_at) AS month, o.kind FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.grid_id, o.kind, o.sampled_at, o.subject_id, o.verdict) IS DISTINCT FROM
            (n.grid_id, n.kind, n.sampled_at, n.subject_id, n.verdict) AND o.grid_id IS NOT NULL
      UNION
      SELECT n.grid_id, sample_rollup_month(n.sampled_at), n.kind FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.grid_id, o.kind, o.sampled_at, o.subject_id, o.verdict) IS DISTINCT FROM
            (n.grid_id, n.kind, n.sampled_at, n.subject_id, n.verdict) AND n.grid_id IS NOT NULL) x;
    PERFORM 1 FROM production_subject WHERE id IN (
      SELECT n.subject_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.subject_id IS DISTINCT FROM n.subject_id) ORDER BY id FOR SHARE;
  END IF;
  PERFORM sample_rollup_refresh(g, m, k);
  RETURN NULL;
END $$;
COMMENT ON FUNCTION sample_rollup_sample_changed() IS 'Statement trigger on sample: recomputes the rollup keys of the inserted, deleted and changed samples.';

CREATE FUNCTION sample_rollup_sample_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM sample_rollup;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION sample_rollup_sample_truncated() IS 'Statement trigger on TRUNCATE sample: empties the rollup.';

CREATE TRIGGER sample_rollup_insert AFTER INSERT ON sample
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_sample_changed();
CREATE TRIGGER sample_rollup_update AFTER UPDATE ON sample
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_sample_changed();
CREATE TRIGGER sample_rollup_delete AFTER DELETE ON sample
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_sample_changed();
CREATE TRIGGER sample_rollup_truncate AFTER TRUNCATE ON sample
  FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_sample_truncated();

-- Results: the keys of the samples whose results changed (a deleted sample's own trigger covers it).
CREATE FUNCTION sample_rollup_result_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  g bigint[];
  m date[];
  k text[];
  ids bigint[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM sample_rollup_rebuild();
    RETURN NULL;
  END IF;
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT sample_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT sample_id FROM old_rows);
  ELSE
    ids := ARRAY(SELECT o.sample_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE (o.sample_id, o.analyte, o.verdict) IS DISTINCT FROM (n.sample_id, n.analyte, n.verdict)
                 UNION SELECT n.sample_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE (o.sample_id, o.analyte, o.verdict) IS DISTINCT FROM (n.sample_id, n.analyte, n.verdict));
  END IF;
  SELECT array_agg(x.grid_id), array_agg(x.month), array_agg(x.kind) INTO g, m, k FROM (
    SELECT DISTINCT s.grid_id, sample_rollup_month(s.sampled_at) AS month, s.kind
    FROM sample s WHERE s.id = ANY (ids) AND s.grid_id IS NOT NULL) x;
  PERFORM sample_rollup_refresh(g, m, k);
  RETURN NULL;
END $$;
COMMENT ON FUNCTION sample_rollup_result_changed() IS 'Statement trigger on sample_result: recomputes the rollup keys of samples whose results changed; TRUNCATE rebuilds.';

CREATE TRIGGER sample_rollup_insert AFTER INSERT ON sample_result
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_result_changed();
CREATE TRIGGER sample_rollup_update AFTER UPDATE ON sample_result
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_result_changed();
CREATE TRIGGER sample_rollup_delete AFTER DELETE ON sample_result
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_result_changed();
CREATE TRIGGER sample_rollup_truncate AFTER TRUNCATE ON sample_result
  FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_result_changed();

-- Subjects: gaining the first or losing the last certification moves their samples in or out of the certified counts.
CREATE FUNCTION sample_rollup_subject_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  g bigint[];
  m date[];
  k text[];
BEGIN
  SELECT array_agg(x.grid_id), array_agg(x.month), array_agg(x.kind) INTO g, m, k FROM (
    SELECT DISTINCT s.grid_id, sample_rollup_month(s.sampled_at) AS month, s.kind
    FROM sample s WHERE s.grid_id IS NOT NULL AND s.subject_id IN (
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE coalesce(cardinality(o.certifications) > 0, false) <> coalesce(cardinality(n.certifications) > 0, false))) x;
  PERFORM sample_rollup_refresh(g, m, k);
  RETURN NULL;
END $$;
COMMENT ON FUNCTION sample_rollup_subject_changed() IS 'Statement trigger on production_subject: recomputes the rollup keys of the samples of subjects whose certified state changed.';

CREATE TRIGGER sample_rollup_update AFTER UPDATE ON production_subject
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_subject_changed();

-- Analytes: a name or alias that becomes (or stops being) banned changes the banned counts of the samples tested for
-- it. Rare (reference imports): the results table is share-locked so no result is written meanwhile.
CREATE FUNCTION sample_rollup_analyte_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  names text[];
  g bigint[];
  m date[];
  k text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    names := ARRAY(SELECT unnest(n.name_zh || n.aliases) FROM new_rows n WHERE n.status = 'banned');
  ELSIF TG_OP = 'DELETE' THEN
    names := ARRAY(SELECT unnest(o.name_zh || o.aliases) FROM old_rows o WHERE o.status = 'banned');
  ELSE
    names := ARRAY(
      SELECT unnest(o.name_zh || o.aliases) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status = 'banned' OR n.status = 'banned') AND (o.status, o.name_zh, o.aliases) IS DISTINCT FROM (n.status, n.name_zh, n.aliases)
      UNION
      SELECT unnest(n.name_zh || n.aliases) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status = 'banned' OR n.status = 'banned') AND (o.status, o.name_zh, o.aliases) IS DISTINCT FROM (n.status, n.name_zh, n.aliases));
  END IF;
  IF cardinality(names) = 0 THEN
    RETURN NULL;
  END IF;
  LOCK TABLE sample_result IN SHARE MODE;
  SELECT array_agg(x.grid_id), array_agg(x.month), array_agg(x.kind) INTO g, m, k FROM (
    SELECT DISTINCT s.grid_id, sample_rollup_month(s.sampled_at) AS month, s.kind
    FROM sample s WHERE s.grid_id IS NOT NULL
      AND s.id IN (SELECT r.sample_id FROM sample_result r WHERE r.analyte = ANY (names))) x;
  PERFORM sample_rollup_refresh(g, m, k);
  RETURN NULL;
END $$;
COMMENT ON FUNCTION sample_rollup_analyte_changed() IS 'Statement trigger on analyte: recomputes the rollup keys of samples tested for names whose banned status changed.';

CREATE TRIGGER sample_rollup_insert AFTER INSERT ON analyte
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_analyte_changed();
CREATE TRIGGER sample_rollup_update AFTER UPDATE ON analyte
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_analyte_changed();
CREATE TRIGGER sample_rollup_delete AFTER DELETE ON analyte
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sample_rollup_analyte_changed();

-- Backfill from the records already there.
SELECT sample_rollup_rebuild();
