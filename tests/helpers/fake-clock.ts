/** Fake timers from `now` for each test of the file or block that calls it, real ones after. */
import { afterEach, beforeEach, vi } from "vitest";

export function useFakeClock(now: Date): void {
  beforeEach(() => {
    vi.useFakeTimers({ now });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
