// Listen addresses and Host names: which stay on this computer, which listen everywhere, and how a
// URL spells them. One place, so the auth rules, the Host check and the printed URLs agree.

const LOOPBACK_ADDRESS = /^(?:localhost|::1|127(?:\.\d{1,3}){3})$/;
const LOOPBACK_HOST_HEADER = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** True for an address only this computer reaches: localhost, 127.x.y.z, ::1. */
export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_ADDRESS.test(host);
}

/** True for a Host header (name or address, optional port, IPv6 in brackets) naming loopback. */
export function isLoopbackHostHeader(header: string): boolean {
  return LOOPBACK_HOST_HEADER.test(header);
}

/** True for a listen address that means every interface. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** Where a client on this computer reaches a server listening on `host`. */
export function reachable(host: string): string {
  if (host === '::') return '::1';
  return isWildcard(host) ? '127.0.0.1' : host;
}

/** The host as a URL writes it: an IPv6 address in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
