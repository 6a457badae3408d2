// A theme is themes/NAME/{theme.json, theme.css}; theme.json may name a parent whose tokens it
// overrides. This resolves and checks the chain; the caller loads the stylesheets root first.
import { THEME_NAME } from './route.ts';

export interface ThemeInfo {
  /** Folder name: how URLs and `parent` refer to the theme. */
  id: string;
  name: string;
  description: string;
  parent: string | null;
}

export class ThemeError extends Error {}

export const DEFAULT_THEME = 'default';
const MAX_DEPTH = 8;

export function validateThemeJson(id: string, value: unknown): ThemeInfo {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ThemeError(`${id}/theme.json must be a JSON object`);
  }
  const { name, description, parent } = value as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) {
    throw new ThemeError(`${id}/theme.json needs a "name" string`);
  }
  if (description !== undefined && typeof description !== 'string') {
    throw new ThemeError(`${id}/theme.json "description" must be a string`);
  }
  if (
    parent !== undefined &&
    parent !== null &&
    (typeof parent !== 'string' || !THEME_NAME.test(parent))
  ) {
    throw new ThemeError(`${id}/theme.json "parent" must be a theme folder name or null`);
  }
  return {
    id,
    name,
    description: description ?? '',
    parent: (parent as string | undefined) ?? null,
  };
}

/** Fetches one theme.json's parsed body; throws ThemeError when it is missing or not JSON. */
export type ThemeJsonSource = (id: string) => Promise<unknown>;

/** The chain from the root ancestor to `id`, every link checked. */
export async function resolveThemeChain(id: string, source: ThemeJsonSource): Promise<ThemeInfo[]> {
  if (!THEME_NAME.test(id)) throw new ThemeError(`"${id}" is not a valid theme name`);
  const chain: ThemeInfo[] = [];
  const seen: string[] = [];
  let next: string | null = id;
  while (next !== null) {
    if (seen.includes(next)) throw new ThemeError(`parent loop: ${[...seen, next].join(' → ')}`);
    if (seen.length === MAX_DEPTH) throw new ThemeError(`more than ${MAX_DEPTH} parent levels`);
    seen.push(next);
    const info = validateThemeJson(next, await source(next));
    chain.unshift(info);
    next = info.parent;
  }
  return chain;
}

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
