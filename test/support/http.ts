/** Starts an app on port 0 over a database for integration tests, and a small typed fetch helper. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import type { Db } from '../../server/src/db/engine';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(db: Db, env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEMO_DATA: 'off', ...env });
  const app = createApp({ db, config, logger: pino({ level: 'silent' }) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function request<T = unknown>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // non-JSON bodies (tiles, HTML) are returned as text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}
