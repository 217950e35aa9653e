import { describe, expect, it } from 'vitest';
import { apiOrigin, baseUrlProblem, hostOf } from '../../shared/base-url';

/** Which addresses a key may be sent to, however the address is spelled. */
describe('base URL rules', () => {
  it.each([
    'https://api.talkover.ai/api/v1',
    'HTTPS://API.TALKOVER.AI:8443/x',
    'http://localhost:4010/v1',
    'http://LOCALHOST/v1',
    'http://127.0.0.1:4010/v1',
    'http://127.255.3.4/v1',
    // The URL parser reads these as 127.0.0.1: still this computer.
    'http://127.1/v1',
    'http://2130706433/v1',
    'http://0x7f.0.0.1/v1',
    'http://[::1]:4010/v1',
    'http://[0:0:0:0:0:0:0:1]/v1',
  ])('accepts %s', (url) => {
    expect(baseUrlProblem(url)).toBeNull();
  });

  it.each([
    ['http://api.talkover.ai/api/v1', /^The address must start with https:\/\/: over plain http:\/\//],
    ['http://128.0.0.1/v1', /^The address must start with https:\/\/: over plain http:\/\//],
    ['http://0.0.0.0:4010/v1', /^The address must start with https:\/\/: over plain http:\/\//],
    ['http://localhost./v1', /^The address must start with https:\/\/: over plain http:\/\//],
    ['http://calls.localhost/v1', /^The address must start with https:\/\/: over plain http:\/\//],
    // An IPv4-mapped address is loopback only by a detour: refused rather than argued about.
    ['http://[::ffff:127.0.0.1]/v1', /^The address must start with https:\/\/: over plain http:\/\//],
    ['https://user@api.talkover.ai/', /^Take the user name and password out of the address/],
    ['https://:secret@api.talkover.ai/', /^Take the user name and password out of the address/],
    ['ws://api.talkover.ai/', /^The address must start with https:\/\/ \(it starts with ws:\/\/\)$/],
    ['file:///etc/passwd', /^The address must start with https:\/\/ \(it starts with file:\/\/\)$/],
    ['api.talkover.ai/v1', /^Enter the full address, starting with https:\/\//],
    ['', /^Enter the full address/],
  ])('refuses %s', (url, wording) => {
    const problem = baseUrlProblem(url);
    expect(problem).toMatch(wording);
    // Callers end the sentence; the address itself (which may hold a password) is never repeated.
    expect(problem).not.toMatch(/\.$/);
    expect(problem).not.toContain('secret');
  });

  it('names the address requests go to: scheme, host and port, the vendor default when the base URL is empty', () => {
    expect(apiOrigin('talkover', undefined)).toBe('https://app.talkover.ai');
    expect(apiOrigin('talkover', 'https://APP.talkover.ai:443/api/v2/')).toBe('https://app.talkover.ai');
    expect(apiOrigin('talkover', 'http://127.1:80/api')).toBe('http://127.0.0.1');
    expect(apiOrigin('talkpilot', undefined)).toBeNull();
    expect(apiOrigin('talkpilot', 'not an address')).toBeNull();
    expect(hostOf('http://127.0.0.1:4010')).toBe('127.0.0.1:4010');
    expect(hostOf(null)).toBe('no address');
  });
});
