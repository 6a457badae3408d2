import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHostHeader, isWildcard, reachable, urlHost } from './host.ts';

describe('host', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['[::1]', false],
  ])('isLoopbackAddress(%s) is %s', (host, expected) => {
    expect(isLoopbackAddress(host)).toBe(expected);
  });

  it.each([
    ['127.0.0.1:9877', true],
    ['localhost', true],
    ['LOCALHOST:80', true],
    ['[::1]:9877', true],
    ['::1', false],
    ['evil.example:9877', false],
    ['127.0.0.1.evil.example', false],
    ['', false],
  ])('isLoopbackHostHeader(%s) is %s', (header, expected) => {
    expect(isLoopbackHostHeader(header)).toBe(expected);
  });

  it.each([
    ['0.0.0.0', true, '127.0.0.1', '0.0.0.0'],
    ['', true, '127.0.0.1', ''],
    ['::', true, '::1', '[::]'],
    ['127.0.0.1', false, '127.0.0.1', '127.0.0.1'],
    ['192.168.1.20', false, '192.168.1.20', '192.168.1.20'],
    ['fe80::1', false, 'fe80::1', '[fe80::1]'],
  ])('%s: wildcard %s, reached at %s, in a URL %s', (host, wildcard, local, inUrl) => {
    expect(isWildcard(host)).toBe(wildcard);
    expect(reachable(host)).toBe(local);
    expect(urlHost(host)).toBe(inUrl);
  });
});
