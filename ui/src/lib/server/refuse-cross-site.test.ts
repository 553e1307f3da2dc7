import { describe, expect, it } from 'vitest';
import { refuseCrossSite } from './refuse-cross-site.ts';

const ORIGIN = 'https://console.test';
const req = (method: string, headers: Record<string, string>) => new Request(`${ORIGIN}/requests/eu/x?/approve`, { method, headers });

describe('refuseCrossSite', () => {
  it('lets reads through and same-origin writes', () => {
    expect(refuseCrossSite(req('GET', { origin: 'https://evil.example' }), ORIGIN)).toBeNull();
    expect(refuseCrossSite(req('POST', { origin: ORIGIN }), ORIGIN)).toBeNull();
    expect(refuseCrossSite(req('POST', { 'sec-fetch-site': 'same-origin' }), ORIGIN)).toBeNull();
  });

  it('refuses writes from another origin, a sibling port or scheme, a null origin, or with no proof of origin', () => {
    for (const origin of ['https://evil.example', 'https://console.test:444', 'http://console.test', 'null']) {
      expect(refuseCrossSite(req('POST', { origin }), ORIGIN)).toMatch(/^origin/);
    }
    expect(refuseCrossSite(req('DELETE', { 'sec-fetch-site': 'cross-site' }), ORIGIN)).toMatch(/cross-site/);
    expect(refuseCrossSite(req('PUT', { 'sec-fetch-site': 'same-site' }), ORIGIN)).toMatch(/same-site/);
    expect(refuseCrossSite(req('POST', {}), ORIGIN)).toBe('no origin');
  });
});
