// The documents a caster reads first: every link and picture in them leads somewhere, the README's
// gallery shows every panel in every theme that ships, and the overlay pictures are what OBS
// composites (transparent around the panels), as `npm run screenshots` writes them.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { LAYOUT_PANELS } from '../protocol/panels.ts';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const imgDir = path.join(top, 'docs', 'img');
const documents = [
  'README.md',
  'DEVELOPERS.md',
  'protocol/README.md',
  ...readdirSync(path.join(top, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
/** Pictures of pages with a background of their own (not composited over the game). */
const OPAQUE = new Set(['control-dock.png', 'control-show.png', 'home.png']);

interface Target {
  document: string;
  /** As written, e.g. `img/home.png` or `api.md#access`. */
  href: string;
  /** The file it names, from the repository's top. */
  file: string;
  anchor: string | null;
}

/** Local link and image targets of a Markdown document (code spans and blocks left out). */
function targets(document: string): Target[] {
  const text = readFileSync(path.join(top, document), 'utf8')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const found: Target[] = [];
  for (const [, href] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z]+:/i.test(href!)) continue;
    const [file, anchor] = href!.split('#') as [string, string | undefined];
    found.push({
      document,
      href: href!,
      file: file ? path.relative(top, path.resolve(top, path.dirname(document), file)) : document,
      anchor: anchor ?? null,
    });
  }
  return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(path.join(top, file), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => slug(heading!)));
}

const all = documents.flatMap(targets);
const pictures = readdirSync(imgDir).filter((name) => name.endsWith('.png'));
const themes = readdirSync(path.join(top, 'themes'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('the documents', () => {
  it('link only to files and headings that exist', () => {
    expect(all.length).toBeGreaterThan(20);
    const broken = all.flatMap((t) => {
      if (!existsSync(path.join(top, t.file))) return [`${t.document}: ${t.href} (no such file)`];
      if (t.anchor !== null && t.file.endsWith('.md') && !anchorsOf(t.file).has(t.anchor)) {
        return [`${t.document}: ${t.href} (no such heading)`];
      }
      return [];
    });
    expect(broken).toEqual([]);
  });

  it('show every picture in docs/img somewhere', () => {
    const shown = new Set(all.map((t) => t.file));
    expect(pictures.filter((name) => !shown.has(`docs/img/${name}`))).toEqual([]);
  });

  it('have a README gallery with every panel and the full layout in every theme that ships', () => {
    const inReadme = new Set(targets('README.md').map((t) => t.file));
    const wanted = themes.flatMap((theme) =>
      ['full', ...LAYOUT_PANELS].map((panel) => `docs/img/${theme}-${panel}.png`),
    );
    expect(themes).toContain('default');
    expect(wanted.filter((file) => !inReadme.has(file))).toEqual([]);
  });
});

describe('the overlay pictures', () => {
  const overlays = pictures.filter((name) => !OPAQUE.has(name));

  it.each(overlays)('%s is transparent around the panels and shows them', (name) => {
    const png = PNG.sync.read(readFileSync(path.join(imgDir, name)));
    const alpha = (x: number, y: number) => png.data[(y * png.width + x) * 4 + 3];
    const corners = [
      [0, 0],
      [png.width - 1, 0],
      [0, png.height - 1],
      [png.width - 1, png.height - 1],
    ] as const;
    expect(corners.map(([x, y]) => alpha(x, y))).toEqual([0, 0, 0, 0]);
    // Panels may be slightly see-through (the light theme is); their margin and the space
    // between them are clear.
    let opaque = 0;
    for (let i = 3; i < png.data.length; i += 4) if (png.data[i]! > 200) opaque += 1;
    // A panel covers much of its own cropped picture and a fair part of the full layout.
    expect(opaque / (png.width * png.height)).toBeGreaterThan(
      name.endsWith('-full.png') ? 0.1 : 0.4,
    );
  });
});
