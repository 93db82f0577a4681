-- Grid tiles show whether a grid is staffed, which depends on which roles are required (grid_role) as well as on
-- the roster (grid_person): count writes to grid_role too, so that those tiles change when the requirements do.
CREATE TRIGGER grid_role_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid_role
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
