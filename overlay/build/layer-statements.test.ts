// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { expandLayerStatements } from './layer-statements.ts';

describe('expandLayerStatements', () => {
  it('turns layer statements into empty layer blocks, in the same order', () => {
    expect(
      expandLayerStatements('@layer base{a{b:c}}@layer components;@layer utilities{.x{y:z}}'),
    ).toBe('@layer base{a{b:c}}@layer components{}@layer utilities{.x{y:z}}');
    expect(expandLayerStatements('@layer theme, base,  components;\n.a{b:c}')).toBe(
      '@layer theme{}@layer base{}@layer components{}\n.a{b:c}',
    );
    expect(expandLayerStatements('@media print{@layer x.y;}')).toBe('@media print{@layer x.y{}}');
  });

  it('leaves layer blocks and everything else alone', () => {
    const css = '@layer a{.b{c:d}}.e{content:"f"}@media (min-width:40rem){.g{h:i}}';
    expect(expandLayerStatements(css)).toBe(css);
  });
});
