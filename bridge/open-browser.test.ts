import { describe, expect, it } from 'vitest';
import { browserCommand } from './open-browser.ts';

describe('browserCommand', () => {
  it('hands the URL, as one argument, to each desktop’s opener', () => {
    const url = 'http://127.0.0.1:9877/?token=a&b';
    expect(browserCommand(url, 'win32')).toEqual([
      'rundll32.exe',
      ['url.dll,FileProtocolHandler', 'http://127.0.0.1:9877/?token=a&b'],
    ]);
    expect(browserCommand(url, 'darwin')).toEqual(['open', ['http://127.0.0.1:9877/?token=a&b']]);
    expect(browserCommand(url, 'linux')).toEqual([
      'xdg-open',
      ['http://127.0.0.1:9877/?token=a&b'],
    ]);
  });
});
