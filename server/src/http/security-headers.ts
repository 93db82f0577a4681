/**
 * Security headers on every response. The Content-Security-Policy allows only the app's own scripts, styles,
 * workers and data, plus the configured basemap's origin (Tianditu or an XYZ server) for its tiles; no eval, no
 * inline scripts, no plugins, no framing by other sites.
 */
import type { RequestHandler } from 'express';
import type { Config } from '../config';

function basemapOrigins(config: Pick<Config, 'BASEMAP_URL' | 'TIANDITU_KEY'>): string[] {
  if (config.BASEMAP_URL) {
    try {
      // {z}/{x}/{y} placeholders are not valid in a host; they only appear in paths, so the origin parses.
      return [new URL(config.BASEMAP_URL.replace(/\{[a-z]\}/g, '0')).origin];
    } catch {
      return [];
    }
  }
  return config.TIANDITU_KEY ? ['https://*.tianditu.gov.cn'] : [];
}

export function contentSecurityPolicy(config: Pick<Config, 'BASEMAP_URL' | 'TIANDITU_KEY'>): string {
  const tiles = basemapOrigins(config).join(' ');
  const withTiles = (base: string) => (tiles ? `${base} ${tiles}` : base);
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Libraries set style attributes and MapLibre/terra-draw add small <style> rules at run time.
    "style-src 'self' 'unsafe-inline'",
    withTiles("img-src 'self' data: blob:"),
    withTiles("connect-src 'self'"),
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export function securityHeaders(config: Pick<Config, 'BASEMAP_URL' | 'TIANDITU_KEY'>): RequestHandler {
  const csp = contentSecurityPolicy(config);
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    // Inspectors' phones need their position and camera (patrol records); nothing needs the microphone or USB.
    res.setHeader(
      'Permissions-Policy',
      'geolocation=(self), camera=(self), microphone=(), usb=(), payment=()',
    );
    next();
  };
}
