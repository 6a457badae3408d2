import { describe, expect, it } from 'vitest';
import { CLIENT_ROLES, isClientRole } from './client-roles.ts';

describe('client roles', () => {
  it('are the two the schema names', () => {
    expect(CLIENT_ROLES).toEqual(['overlay', 'control']);
  });

  it('tell a role from anything else', () => {
    expect(isClientRole('control')).toBe(true);
    expect(isClientRole('overlay')).toBe(true);
    expect(isClientRole('admin')).toBe(false);
    expect(isClientRole('')).toBe(false);
  });
});
