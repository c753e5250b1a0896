import { SpotifyBudgetExhaustedError } from "./errors";

/** Requests one run may send to Spotify. Every request sent counts: retries and 429s too. */
export class RequestBudget {
  private spent = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`invalid request budget: ${limit}`);
  }

  get used(): number {
    return this.spent;
  }

  get remaining(): number {
    return this.limit - this.spent;
  }

  /** Claims one request, or throws before anything is sent. */
  take(): void {
    if (this.spent >= this.limit) throw new SpotifyBudgetExhaustedError(this.limit);
    this.spent += 1;
  }
}

/** A counting semaphore: at most `max` requests to Spotify in flight in this process. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`invalid concurrency limit: ${max}`);
  }

  get inFlight(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter so `active` never dips and overshoots.
      if (next) next();
      else this.active -= 1;
    }
  }
}

/** Shared by every client in the process unless a caller passes its own. */
export const spotifyConcurrency = new ConcurrencyLimit(4);
