import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config';
import { contentSecurityPolicy } from '../../../server/src/http/security-headers';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('content security policy', () => {
  it('allows only the app’s own scripts: no eval, no inline scripts, no plugins, no framing by others', () => {
    const csp = contentSecurityPolicy(loadConfig({}));
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('lets map tiles come from the configured basemap and nowhere else', () => {
    expect(directive(contentSecurityPolicy(loadConfig({})), 'connect-src')).toBe("connect-src 'self'");
    const xyz = contentSecurityPolicy(
      loadConfig({ BASEMAP_URL: 'https://tiles.example.gov.cn/{z}/{x}/{y}.png' }),
    );
    expect(directive(xyz, 'connect-src')).toBe("connect-src 'self' https://tiles.example.gov.cn");
    expect(directive(xyz, 'img-src')).toContain('https://tiles.example.gov.cn');
    const tianditu = contentSecurityPolicy(loadConfig({ TIANDITU_KEY: 'k' }));
    expect(directive(tianditu, 'connect-src')).toBe("connect-src 'self' https://*.tianditu.gov.cn");
  });
});
