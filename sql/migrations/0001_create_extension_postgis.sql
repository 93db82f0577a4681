-- PostGIS supplies the geometry types, GiST indexing and spatial functions every table and tile layer uses.
-- On a real PostgreSQL server the package must be installed first (Debian: postgresql-15-postgis-3).
CREATE EXTENSION IF NOT EXISTS postgis;
