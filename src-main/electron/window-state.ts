export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent on first run, or when the remembered position is on a display that is no longer attached. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MINIMUM_WINDOW_SIZE = { width: 960, height: 600 };

/** How much of the title bar must stay on a display for a remembered position to be reused. */
const GRABBABLE_STRIP = { width: 120, height: 40 };

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Accepts whatever was stored (possibly hand-edited or from an older version) and returns a usable state. */
export function parseWindowState(stored: unknown): WindowState {
  if (typeof stored !== 'object' || stored === null) return { ...DEFAULT_WINDOW_STATE };
  const record = stored as Record<string, unknown>;
  const width = isFiniteNumber(record.width) ? Math.round(record.width) : DEFAULT_WINDOW_STATE.width;
  const height = isFiniteNumber(record.height) ? Math.round(record.height) : DEFAULT_WINDOW_STATE.height;
  const state: WindowState = {
    width: Math.max(width, MINIMUM_WINDOW_SIZE.width),
    height: Math.max(height, MINIMUM_WINDOW_SIZE.height),
    maximized: record.maximized === true,
  };
  if (isFiniteNumber(record.x) && isFiniteNumber(record.y)) {
    state.x = Math.round(record.x);
    state.y = Math.round(record.y);
  }
  return state;
}

function overlap(a: Rectangle, b: Rectangle): Rectangle | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/** Keeps the remembered bounds only if the window can still be grabbed on one of today's displays; otherwise
 *  forgets the position (the OS centres the window) and shrinks the size to fit the largest display. */
export function fitToDisplays(state: WindowState, workAreas: Rectangle[]): WindowState {
  if (workAreas.length === 0) return state;
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  const fitted: WindowState = {
    ...state,
    width: Math.min(state.width, largest.width),
    height: Math.min(state.height, largest.height),
  };
  if (fitted.x === undefined || fitted.y === undefined) return fitted;
  const titleBar: Rectangle = { x: fitted.x, y: fitted.y, width: fitted.width, height: GRABBABLE_STRIP.height };
  const reachable = workAreas.some((area) => {
    const visible = overlap(titleBar, area);
    return visible !== null && visible.width >= GRABBABLE_STRIP.width && visible.height >= GRABBABLE_STRIP.height;
  });
  if (!reachable) {
    delete fitted.x;
    delete fitted.y;
  }
  return fitted;
}

/** What to remember when the window closes: the normal (un-maximized) bounds, plus whether it was maximized. */
export function captureWindowState(normalBounds: Rectangle, maximized: boolean): WindowState {
  return { ...normalBounds, maximized };
}
