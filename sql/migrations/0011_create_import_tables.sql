-- The shared spreadsheet-import pipeline: uploaded files kept until they are committed or expire, and the column
-- mappings users confirmed, remembered per target and per set of headers.

CREATE TABLE import_file (
  id            uuid PRIMARY KEY,
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  data          bytea NOT NULL,
  committed_at  timestamptz,
  committed_target text,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT app_current_user(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT app_current_user(),
  CONSTRAINT import_file_filename_check CHECK (length(filename) BETWEEN 1 AND 255),
  CONSTRAINT import_file_size_check CHECK (size_bytes > 0 AND size_bytes = octet_length(data)),
  CONSTRAINT import_file_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT import_file_committed_check CHECK ((committed_at IS NULL) = (committed_target IS NULL))
);
COMMENT ON TABLE import_file IS 'Spreadsheets uploaded for import, kept until committed (then kept as the record of what was imported) or expired.';
COMMENT ON COLUMN import_file.id IS 'Random id given to the client.';
COMMENT ON COLUMN import_file.filename IS 'Name of the uploaded file.';
COMMENT ON COLUMN import_file.content_type IS 'xlsx | xls | csv, as recognised from the content.';
COMMENT ON COLUMN import_file.size_bytes IS 'Size of the file in bytes.';
COMMENT ON COLUMN import_file.sha256 IS 'SHA-256 of the file, to recognise the same file uploaded again.';
COMMENT ON COLUMN import_file.data IS 'The file as uploaded.';
COMMENT ON COLUMN import_file.committed_at IS 'When its rows were written; a file is committed at most once.';
COMMENT ON COLUMN import_file.committed_target IS 'The import target its rows were written to.';
COMMENT ON COLUMN import_file.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN import_file.created_at IS 'Upload time.';
COMMENT ON COLUMN import_file.created_by IS 'Who uploaded it.';
COMMENT ON COLUMN import_file.updated_at IS 'Time of the last update.';
COMMENT ON COLUMN import_file.updated_by IS 'Author of the last update.';
CREATE INDEX import_file_created_at_idx ON import_file (created_at);
CREATE TRIGGER import_file_touch BEFORE UPDATE ON import_file FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE import_mapping (
  target            text NOT NULL,
  header_signature  text NOT NULL,
  mapping           jsonb NOT NULL,
  options           jsonb NOT NULL DEFAULT '{}',
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  created_by        text NOT NULL DEFAULT app_current_user(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text NOT NULL DEFAULT app_current_user(),
  PRIMARY KEY (target, header_signature),
  CONSTRAINT import_mapping_object CHECK (jsonb_typeof(mapping) = 'object' AND jsonb_typeof(options) = 'object')
);
COMMENT ON TABLE import_mapping IS 'Column mappings users confirmed, per import target and per set of headers, proposed again for files laid out the same way.';
COMMENT ON COLUMN import_mapping.target IS 'Import target id (samples, soil-samples, subjects, roster …).';
COMMENT ON COLUMN import_mapping.header_signature IS 'Hash of the normalised header texts of the sheet (order, width and case ignored).';
COMMENT ON COLUMN import_mapping.mapping IS 'Field key → column header.';
COMMENT ON COLUMN import_mapping.options IS 'The datum and axis order chosen with it.';
COMMENT ON COLUMN import_mapping.version IS 'Optimistic-concurrency version.';
COMMENT ON COLUMN import_mapping.created_at IS 'Creation time.';
COMMENT ON COLUMN import_mapping.created_by IS 'Who first confirmed it.';
COMMENT ON COLUMN import_mapping.updated_at IS 'Time of the last confirmation.';
COMMENT ON COLUMN import_mapping.updated_by IS 'Who last confirmed it.';
CREATE TRIGGER import_mapping_touch BEFORE UPDATE ON import_mapping FOR EACH ROW EXECUTE FUNCTION touch_row();
