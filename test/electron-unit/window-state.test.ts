import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitToDisplays, MINIMUM_WINDOW_SIZE, parseWindowState, captureWindowState } from '../../src-main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const externalOnTheRight = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('remembered window size and position', () => {
  it('opens at the default size the first time (nothing stored, or a corrupt file)', () => {
    expect(parseWindowState(undefined)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('garbage')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 'wide' })).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('round-trips what was captured when the window closed', () => {
    const captured = captureWindowState({ x: 100, y: 80, width: 1300, height: 900 }, true);
    expect(parseWindowState(JSON.parse(JSON.stringify(captured)))).toEqual({ x: 100, y: 80, width: 1300, height: 900, maximized: true });
  });

  it('never restores a window smaller than the console can lay out', () => {
    expect(parseWindowState({ width: 200, height: 100 })).toMatchObject(MINIMUM_WINDOW_SIZE);
  });

  it('keeps the position when the window is still on a connected display', () => {
    const state = parseWindowState({ x: 1600, y: 100, width: 1400, height: 900 });
    expect(fitToDisplays(state, [laptop, externalOnTheRight])).toEqual(state);
  });

  it('forgets the position when that display was unplugged, so the window is not lost off-screen', () => {
    const state = parseWindowState({ x: 1600, y: 100, width: 1400, height: 900 });
    const fitted = fitToDisplays(state, [laptop]);
    expect(fitted.x).toBeUndefined();
    expect(fitted.y).toBeUndefined();
    expect(fitted).toMatchObject({ width: 1400, height: 875 });
  });

  it('forgets a position whose title bar is above the top of the screen', () => {
    const fitted = fitToDisplays(parseWindowState({ x: 10, y: -200, width: 1000, height: 700 }), [laptop]);
    expect(fitted.x).toBeUndefined();
  });

  it('keeps a window that only peeks out far enough to be grabbed', () => {
    const state = parseWindowState({ x: 1300, y: 50, width: 1000, height: 700 });
    expect(fitToDisplays(state, [laptop])).toMatchObject({ x: 1300, y: 50 });
  });
});
