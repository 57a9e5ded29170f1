/**
 * Time as the domain sees it. Production uses the system clock; tests and the playground
 * use a ManualClock they can move forward, so reminders fire through the same code path.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private offsetMs: number;
  private listeners = new Set<() => void>();

  constructor(start: Date = new Date()) {
    this.offsetMs = start.getTime() - Date.now();
  }

  /** Real time keeps flowing; moves shift it. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): Date {
    this.offsetMs += ms;
    this.notify();
    return this.now();
  }

  set(to: Date): Date {
    this.offsetMs = to.getTime() - Date.now();
    this.notify();
    return this.now();
  }

  /** Called after every move, e.g. to run the scheduler tick at once. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
