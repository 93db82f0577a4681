-- Patrol routes (issue 6): the road network for travel times (pgRouting on PostgreSQL when the extension is there;
-- this migration does not need it and runs on PGlite too), time windows on plan stops, and cancelled plans.

CREATE TABLE road_edge (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source          bigint NOT NULL,
  target          bigint NOT NULL,
  road_class      text NOT NULL,
  name            text NOT NULL DEFAULT '',
  length_m        double precision NOT NULL,
  cost_s          double precision NOT NULL,
  reverse_cost_s  double precision NOT NULL,
  geom            geometry(LineString, 4326) NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT road_edge_cost_check CHECK (length_m >= 0 AND cost_s > 0 AND (reverse_cost_s > 0 OR reverse_cost_s = -1))
);
COMMENT ON TABLE road_edge IS 'Noded road network for patrol travel times (loaded by scripts/load-roads.ts; pgRouting edges table).';
COMMENT ON COLUMN road_edge.id IS 'Surrogate key (pgRouting edge id).';
COMMENT ON COLUMN road_edge.source IS 'Start vertex (road_vertex.id).';
COMMENT ON COLUMN road_edge.target IS 'End vertex (road_vertex.id).';
COMMENT ON COLUMN road_edge.road_class IS 'Road class of the source line (its speed gives the cost).';
COMMENT ON COLUMN road_edge.name IS 'Road name from the source file, if any.';
COMMENT ON COLUMN road_edge.length_m IS 'Length, metres (geodesic).';
COMMENT ON COLUMN road_edge.cost_s IS 'Travel time source → target, seconds.';
COMMENT ON COLUMN road_edge.reverse_cost_s IS 'Travel time target → source, seconds (-1: one way).';
COMMENT ON COLUMN road_edge.geom IS 'Edge geometry, EPSG:4326.';
COMMENT ON COLUMN road_edge.created_at IS 'Load time.';
COMMENT ON COLUMN road_edge.created_by IS 'Who loaded it.';
CREATE INDEX road_edge_geom_idx ON road_edge USING gist (geom);
SELECT audit_enable('road_edge');

CREATE TABLE road_vertex (
  id          bigint PRIMARY KEY,
  geom        geometry(Point, 4326) NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL DEFAULT app_current_user()
);
COMMENT ON TABLE road_vertex IS 'Vertices of the road network (ends of road_edge), for snapping stations and subjects.';
COMMENT ON COLUMN road_vertex.id IS 'Vertex id used by road_edge.source/target.';
COMMENT ON COLUMN road_vertex.geom IS 'Vertex position, EPSG:4326.';
COMMENT ON COLUMN road_vertex.created_at IS 'Load time.';
COMMENT ON COLUMN road_vertex.created_by IS 'Who loaded it.';
CREATE INDEX road_vertex_geom_idx ON road_vertex USING gist (geom);
SELECT audit_enable('road_vertex');

ALTER TABLE patrol_plan_stop
  ADD COLUMN wait_minutes double precision NOT NULL DEFAULT 0,
  ADD COLUMN window_open double precision,
  ADD COLUMN window_close double precision,
  ADD CONSTRAINT patrol_plan_stop_window_check CHECK (window_open IS NULL OR window_close >= window_open);
COMMENT ON COLUMN patrol_plan_stop.wait_minutes IS 'Planned wait for the time window to open, minutes.';
COMMENT ON COLUMN patrol_plan_stop.window_open IS 'Time window of the visit: earliest start, minutes after the day''s start.';
COMMENT ON COLUMN patrol_plan_stop.window_close IS 'Time window of the visit: latest start, minutes after the day''s start.';

ALTER TABLE patrol_plan
  ADD COLUMN cancelled_at timestamptz,
  ADD COLUMN cancel_reason text,
  ADD CONSTRAINT patrol_plan_cancel_check CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL));
COMMENT ON COLUMN patrol_plan.cancelled_at IS 'When the plan was cancelled (kept, never deleted).';
COMMENT ON COLUMN patrol_plan.cancel_reason IS 'Why the plan was cancelled.';
