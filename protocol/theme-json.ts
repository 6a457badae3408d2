// A theme is themes/NAME/{theme.json, theme.css}; theme.json may name a parent whose tokens it
// overrides. These are the rules for theme.json and the parent chain, the one copy that both the
// overlay (which loads the stylesheets root first) and the bridge (which lists the themes a caster
// may pick) apply, so the two never disagree. No DOM, no Node: each side brings its own source.
import themeMessageSchema from './schemas/theme-message.schema.json' with { type: 'json' };

/** A theme folder name, as the protocol's theme message defines it. */
export const THEME_NAME = new RegExp(themeMessageSchema.properties.name.pattern);

/** One theme.json in a parent chain, checked. */
export interface ThemeLink {
  /** Folder name: how URLs and `parent` refer to the theme. */
  id: string;
  name: string;
  description: string;
  parent: string | null;
}

export class ThemeError extends Error {}

export const DEFAULT_THEME = 'default';
const MAX_DEPTH = 8;

export function validateThemeJson(id: string, value: unknown): ThemeLink {
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
export async function resolveThemeChain(id: string, source: ThemeJsonSource): Promise<ThemeLink[]> {
  if (!THEME_NAME.test(id)) throw new ThemeError(`"${id}" is not a valid theme name`);
  const chain: ThemeLink[] = [];
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
