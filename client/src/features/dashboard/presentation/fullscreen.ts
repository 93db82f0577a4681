/**
 * The Fullscreen API with its fallbacks: the standard methods, WebKit's prefixed ones (older Safari, some in-app
 * browsers), and nothing at all (iPhone Safari): then presentation mode simply fills the window.
 */
interface Prefixed {
  webkitRequestFullscreen?: () => Promise<void> | void;
  webkitExitFullscreen?: () => Promise<void> | void;
  webkitFullscreenElement?: Element | null;
}

/** Asks for full screen; resolves true when the browser granted it. */
export async function enterFullscreen(element: HTMLElement): Promise<boolean> {
  const el = element as HTMLElement & Prefixed;
  try {
    if (typeof el.requestFullscreen === 'function') await el.requestFullscreen({ navigationUI: 'hide' });
    else if (typeof el.webkitRequestFullscreen === 'function') await el.webkitRequestFullscreen();
    else return false;
    return isFullscreen();
  } catch {
    // Refused (no user gesture, a kiosk policy, an iframe without allowfullscreen): fill the window instead.
    return false;
  }
}

export function isFullscreen(): boolean {
  const doc = document as Document & Prefixed;
  return Boolean(doc.fullscreenElement ?? doc.webkitFullscreenElement);
}

export async function exitFullscreen(): Promise<void> {
  if (!isFullscreen()) return;
  const doc = document as Document & Prefixed;
  try {
    if (typeof doc.exitFullscreen === 'function') await doc.exitFullscreen();
    else await doc.webkitExitFullscreen?.();
  } catch {
    // Already left (the user pressed Esc).
  }
}
