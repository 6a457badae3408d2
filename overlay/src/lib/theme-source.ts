// Where the overlay reads a theme.json from: the bridge's /themes/ folder, over HTTP.
import { ThemeError, type ThemeJsonSource } from '../../../protocol/theme-json.ts';

/** A source that fetches /themes/ID/theme.json over HTTP, bypassing caches. */
export function httpThemeSource(base: string, fetchImpl: typeof fetch = fetch): ThemeJsonSource {
  return async (id) => {
    const url = `${base}${encodeURIComponent(id)}/theme.json`;
    let response: Response;
    try {
      response = await fetchImpl(url, { cache: 'no-store' });
    } catch (err) {
      throw new ThemeError(`${id}/theme.json could not be fetched (${String(err)})`);
    }
    if (!response.ok) throw new ThemeError(`${id}/theme.json not found (HTTP ${response.status})`);
    try {
      return JSON.parse(await response.text()) as unknown;
    } catch (err) {
      throw new ThemeError(`${id}/theme.json is not valid JSON (${(err as Error).message})`);
    }
  };
}
