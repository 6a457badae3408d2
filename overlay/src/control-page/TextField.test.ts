// @vitest-environment jsdom
// The control page's text field in jsdom: what the caster types is never overwritten by a match
// update arriving meanwhile, and it is sent on Enter, on leaving the field and after a pause.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import TextField from './TextField.svelte';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup(value = 'Saved') {
  const commits: string[] = [];
  const view = render(TextField, {
    value,
    label: 'Team 1 name',
    onCommit: (v: string) => commits.push(v),
  });
  const input = view.getByLabelText('Team 1 name') as HTMLInputElement;
  return { ...view, input, commits };
}

describe('TextField', () => {
  it('shows the saved value, and a new one when it is not being edited', async () => {
    const { input, rerender } = setup();
    expect(input.value).toBe('Saved');
    await rerender({ value: 'From the bridge' });
    expect(input.value).toBe('From the bridge');
  });

  it('keeps what the caster types while a match update arrives', async () => {
    const { input, rerender, commits } = setup();
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: 'Armada Ki' } });
    await rerender({ value: 'Other change' });
    flushSync();
    expect(input.value).toBe('Armada Ki');
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(commits).toEqual(['Armada Ki']);
  });

  it('sends on leaving the field, once, and not when nothing changed', async () => {
    const { input, commits } = setup();
    await fireEvent.focus(input);
    await fireEvent.blur(input);
    expect(commits).toEqual([]);
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: 'New' } });
    await fireEvent.blur(input);
    expect(commits).toEqual(['New']);
  });

  it('sends after a pause in typing', async () => {
    vi.useFakeTimers();
    const { input, commits } = setup();
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: 'Typ' } });
    vi.advanceTimersByTime(300);
    await fireEvent.input(input, { target: { value: 'Typed' } });
    vi.advanceTimersByTime(300);
    expect(commits).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(commits).toEqual(['Typed']);
  });

  it('Escape puts the saved value back', async () => {
    const { input, commits } = setup();
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: 'Oops' } });
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('Saved');
    await fireEvent.blur(input);
    expect(commits).toEqual([]);
  });
});
