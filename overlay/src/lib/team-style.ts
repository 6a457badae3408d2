// CSS variables for one team colour, cached per theme background: --team (the game's colour),
// --team-text (the colour moved until it reads on the theme's panels) and --team-ink (black or
// white, for text on the team colour).
import { inkOn, readableOn } from './color.ts';

export class TeamStyles {
  private cache = new Map<string, string>();
  private background = '';

  style(color: string, panelBackground: string): string {
    if (panelBackground !== this.background) {
      this.cache = new Map();
      this.background = panelBackground;
    }
    let style = this.cache.get(color);
    if (style === undefined) {
      style = `--team:${color};--team-text:${readableOn(color, panelBackground)};--team-ink:${inkOn(color)}`;
      this.cache.set(color, style);
    }
    return style;
  }
}
