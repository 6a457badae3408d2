import { describe, expect, it } from 'vitest';
import { validateWidgetMessage } from './validate.ts';
describe('x', () => {
  it('y', () => {
    expect(validateWidgetMessage({}).ok).toBe(false);
  });
});
