/**
 * Every route of the app, read from Express's router (so tests that walk "every route" cover routes added later
 * without being told): method and full path with its :params, and the prefix its router is mounted at.
 */
import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import type { Db } from '../../server/src/db/engine';

export interface Route {
  method: string;
  path: string;
}

type Matcher = (path: string) => unknown;
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  matchers?: Matcher[];
}

const MOUNTS = ['/api', '/tiles', '/ogc'];

export function routesOf(app: Express): Route[] {
  const out: Route[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.push({ method: method.toUpperCase(), path: `${prefix}${layer.route.path}` });
      } else if (layer.handle?.stack) {
        // A router mounted at a prefix matches paths under it and nothing else; one mounted at / matches all.
        const matches = (p: string) => layer.matchers?.some((m) => m(p)) ?? false;
        const mount = matches('/zz-not-mounted/x') ? undefined : MOUNTS.find((p) => matches(`${p}/x`));
        walk(layer.handle.stack, mount && !prefix ? mount : prefix);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}

/** The routes of an app built over this database (it is not started). */
export function appRoutes(db: Db): Route[] {
  const app = createApp({
    db,
    config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
    logger: pino({ level: 'silent' }),
  });
  return routesOf(app);
}

/** A path with its :params filled in (missing ones get `fallback`). */
export function fillPath(path: string, params: Record<string, string>, fallback = '1'): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? fallback));
}
