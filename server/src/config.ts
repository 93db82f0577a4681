/**
 * All configuration, from environment variables: name, default and a one-line description for each.
 * Nothing else in the server reads process.env.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const CONFIG_SCHEMA = z.object({
  /** HTTP port to listen on (0 = any free port). */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface to listen on; 0.0.0.0 to serve other machines on the network (e.g. inspectors' phones). */
  HOST: z.string().default('127.0.0.1'),
  /** Directory of the embedded database (used when DATABASE_URL is not set). */
  DATA_DIR: z.string().default('./data'),
  /** postgres://user:pass@host:port/db of a PostgreSQL ≥ 15 with PostGIS ≥ 3.3; unset = embedded database. */
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** The address users reach the app at (e.g. https://nongan.example.gov.cn), for links and QR codes on printed
   *  boards when the app runs behind a proxy; unset = taken from each request. */
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** auto: load the demo county into an empty database at start; off: never. */
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  /** XYZ raster basemap URL template with {z}/{x}/{y} (served by your own tile server); unset = offline plain basemap. */
  BASEMAP_URL: optionalString,
  /** Attribution shown for BASEMAP_URL. */
  BASEMAP_ATTRIBUTION: optionalString,
  /** Tianditu (天地图) key: when set (and BASEMAP_URL is not), the Tianditu vector basemap with labels is used. */
  TIANDITU_KEY: optionalString,
  /** Password of the first administrator ("admin") created at the first start; unset = a generated one, printed once. */
  ADMIN_PASSWORD: optionalString,
  /** How long a login lasts, in days. */
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Failed logins in a row that lock an account, and for how many minutes. */
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(3).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Login attempts allowed per client address in 15 minutes (429 beyond). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  /** true when a reverse proxy in front sets X-Forwarded-For/-Proto (needed for Secure cookies and client addresses). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Log format: json (structured, one object per line), pretty (for people), or auto: pretty on a terminal, else json. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** An export of an OGC collection (GeoJSON, Shapefile, GeoPackage) holding more features is refused. */
  EXPORT_MAX_FEATURES: z.coerce.number().int().min(1).max(2_000_000).default(100_000),
  /** An atlas (one page per grid) of more pages is refused (POST /api/print/atlas). */
  PRINT_MAX_PAGES: z.coerce.number().int().min(1).max(1000).default(120),
  /** Memory for cached vector tiles, in MB (0 disables the cache). */
  TILE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  /** A tile query running longer than this is cancelled and answered with 503 (PostgreSQL only). */
  TILE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Directory of the built client (vite build output). */
  CLIENT_DIR: z.string().default('./client/dist'),
});

export type Config = z.infer<typeof CONFIG_SCHEMA>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(Object.keys(CONFIG_SCHEMA.shape).map((key) => [key, env[key]]));
  const result = CONFIG_SCHEMA.safeParse(picked);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return result.data;
}
