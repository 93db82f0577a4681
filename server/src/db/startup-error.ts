/** A database that must not be used as it is: start-up stops and prints the message, which says what to do. */
export class StartupError extends Error {
  constructor(
    readonly code:
      | 'DATA_DIR_INVALID'
      | 'DATA_DIR_UNREADABLE'
      | 'DATA_DIR_LOCKED'
      | 'MIGRATION_EDITED'
      | 'MIGRATION_UNKNOWN'
      | 'MIGRATION_GAP'
      | 'MIGRATION_UNTRACKED'
      | 'POSTGIS_MISSING'
      | 'DATABASE_UNREACHABLE',
    message: string,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}
