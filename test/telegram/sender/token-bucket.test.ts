import { describe, expect, it } from 'vitest';
import { KeyedBuckets, OPEN_SLOT_RECHECK_MS, settle, TokenBucket } from '../../../src/telegram/sender/token-bucket.js';

function fakeClock(start = 1000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('TokenBucket', () => {
  it('allows a burst, then asks to wait for the next token', () => {
    const c = fakeClock();
    const b = new TokenBucket(1, 3, c.now);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(1000);
    c.advance(400);
    expect(b.tryTake()).toBe(600);
    c.advance(600);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(1000);
  });

  it('refills continuously but never above the burst', () => {
    const c = fakeClock();
    const b = new TokenBucket(20, 2, c.now);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(50);
    c.advance(10_000);
    expect(b.available()).toBe(2);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBeGreaterThan(0);
  });

  it('a slow bucket (20/min) waits 3 s per token after its burst', () => {
    const c = fakeClock();
    const b = new TokenBucket(20 / 60, 5, c.now);
    for (let i = 0; i < 5; i++) expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(3000);
  });

  it('never returns a wait of 0 without taking, and takes exactly at the announced time', () => {
    const c = fakeClock();
    const b = new TokenBucket(7, 1, c.now);
    let taken = 0;
    for (let i = 0; i < 100; i++) {
      const w = b.tryTake();
      if (w === 0) taken++;
      else {
        expect(w).toBeGreaterThanOrEqual(1);
        c.advance(w);
        expect(b.tryTake()).toBe(0);
        taken++;
      }
    }
    expect(taken).toBe(100);
    // 100 tokens at 7/s with a burst of 1: about 99/7 s elapsed
    expect(c.now() - 1000).toBeGreaterThanOrEqual(Math.floor((99 / 7) * 1000) - 100);
  });

  it('pause() refuses takes for the given time, then resumes at the steady rate (no burst)', () => {
    const c = fakeClock();
    const b = new TokenBucket(1, 3, c.now);
    b.pause(2000);
    expect(b.tryTake()).toBe(2000);
    c.advance(1500);
    expect(b.tryTake()).toBe(500);
    c.advance(500);
    // bucket was emptied by the pause: the first token comes one interval after the pause
    expect(b.tryTake()).toBe(1000);
    c.advance(1000);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(1000);
  });

  it('with a sliding window, never lets more than max through in any window (bursts stay instant)', () => {
    const c = fakeClock();
    // 20 per minute, burst 5: a plain bucket would allow 5 + 20 = 25 in the first minute
    const b = new TokenBucket(20 / 60, 5, c.now, { max: 20, ms: 60_000 });
    const times: number[] = [];
    while (times.length < 60) {
      const w = b.tryTake();
      if (w === 0) times.push(c.now());
      else c.advance(w);
    }
    expect(times.slice(0, 5).every((t) => t === times[0])).toBe(true);
    for (let i = 20; i < times.length; i++) expect(times[i]! - times[i - 20]!).toBeGreaterThanOrEqual(60_000);
    const plain = new TokenBucket(20 / 60, 5, fakeClock().now);
    expect(plain.window).toBeUndefined();
  });

  it('peek() reports the wait without taking; take() records a take', () => {
    const c = fakeClock();
    const b = new TokenBucket(1, 1, c.now, { max: 1, ms: 1000 });
    expect(b.peek()).toBe(0);
    expect(b.peek()).toBe(0);
    settle(b.take(), c.now());
    expect(b.peek()).toBe(1000);
    c.advance(999);
    expect(b.peek()).toBe(1);
    c.advance(1);
    expect(b.tryTake()).toBe(0);
  });

  it("a take's slot holds its place in the window until it is settled, and counts from the settled time", () => {
    const c = fakeClock();
    const b = new TokenBucket(1000, 2, c.now, { max: 2, ms: 1000 });
    const first = b.take();
    c.advance(5);
    const second = b.take();
    c.advance(2000);
    // Both requests still out: no place is free, however long ago they left.
    expect(b.peek()).toBe(OPEN_SLOT_RECHECK_MS);
    // The second answered; Telegram counted it 10 ms ago at the latest: its place is free in 990 ms.
    settle(second, c.now() - 10);
    expect(b.peek()).toBe(990);
    // The first settled earlier than its take: it counts from the take, long gone, so its place is free now.
    settle(first, 0);
    expect(b.peek()).toBe(0);
    b.take();
    // The place reused was the first's: the second's frees next.
    expect(b.peek()).toBe(990);
  });

  it('rejects nonsense parameters', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.NaN, 1)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 1, undefined, { max: 0, ms: 1000 })).toThrow(RangeError);
  });

  it('defaults to performance.now', () => {
    const b = new TokenBucket(1000, 1);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBeGreaterThanOrEqual(0);
  });
});

describe('KeyedBuckets', () => {
  it('keeps an independent bucket per key', () => {
    const c = fakeClock();
    const kb = new KeyedBuckets(1, 2, { now: c.now });
    expect(kb.tryTake('a')).toBe(0);
    expect(kb.tryTake('a')).toBe(0);
    expect(kb.tryTake('a')).toBe(1000);
    expect(kb.tryTake('b')).toBe(0);
    expect(kb.size).toBe(2);
  });

  it('stays bounded with 100k chats by evicting idle (full) buckets', () => {
    const c = fakeClock();
    const kb = new KeyedBuckets(1, 3, { now: c.now, sweepAtSize: 1000, sweepEveryMs: 60_000 });
    let maxSize = 0;
    for (let i = 0; i < 100_000; i++) {
      expect(kb.tryTake(`chat:${i}`)).toBe(0);
      c.advance(1); // 1000 new chats per second; a bucket is full again 1 s after its use
      maxSize = Math.max(maxSize, kb.size);
    }
    expect(maxSize).toBeLessThanOrEqual(4000);
  });

  it('does not evict buckets that still carry state (not full, or paused)', () => {
    const c = fakeClock();
    const kb = new KeyedBuckets(1, 2, { now: c.now });
    kb.tryTake('busy');
    kb.pause('paused', 10_000);
    kb.get('idle');
    c.advance(100);
    expect(kb.sweep()).toBe(1);
    expect(kb.has('busy')).toBe(true);
    expect(kb.has('paused')).toBe(true);
    expect(kb.has('idle')).toBe(false);
    c.advance(5000);
    expect(kb.sweep()).toBe(1); // busy is full again; paused still paused
    expect(kb.has('paused')).toBe(true);
    c.advance(5000);
    expect(kb.sweep()).toBe(0); // paused bucket was emptied by the pause and refills from its end
    c.advance(5000);
    expect(kb.sweep()).toBe(1);
    expect(kb.size).toBe(0);
  });

  it('keeps windowed buckets until their window is empty', () => {
    const c = fakeClock();
    const kb = new KeyedBuckets(100, 1, { now: c.now, window: { max: 1, ms: 5000 } });
    kb.tryTake('g');
    c.advance(1000); // tokens are full again, but the window still holds the take
    expect(kb.sweep()).toBe(0);
    expect(kb.tryTake('g')).toBe(4000);
    c.advance(4000);
    expect(kb.sweep()).toBe(1);
  });

  it('an evicted key behaves like a fresh bucket (eviction loses nothing)', () => {
    const c = fakeClock();
    const kb = new KeyedBuckets(2, 2, { now: c.now });
    kb.tryTake('x');
    kb.tryTake('x');
    c.advance(1000);
    kb.sweep();
    expect(kb.has('x')).toBe(false);
    expect(kb.tryTake('x')).toBe(0);
    expect(kb.tryTake('x')).toBe(0);
    expect(kb.tryTake('x')).toBe(500);
  });

  it('sweeps on a timer even when the map is small', () => {
    const c = fakeClock();
    const kb = new KeyedBuckets(1, 1, { now: c.now, sweepAtSize: 1_000_000, sweepEveryMs: 1000 });
    for (let i = 0; i < 10; i++) kb.tryTake(`k${i}`);
    c.advance(2000);
    kb.tryTake('new');
    expect(kb.size).toBe(1);
  });
});
