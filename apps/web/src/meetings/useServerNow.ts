import { useEffect, useState } from 'react';

/** How often a running timer repaints: often enough that seconds never skip. */
const TICK_MS = 250;

/** The server's clock as this page reckons it (`Date.now()` + the offset), ticking while `ticking`. */
export function useServerNow(clockOffsetMs: number, ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  useEffect(() => {
    setNow(Date.now() + clockOffsetMs);
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), TICK_MS);
    return () => clearInterval(timer);
  }, [clockOffsetMs, ticking]);
  return now;
}
