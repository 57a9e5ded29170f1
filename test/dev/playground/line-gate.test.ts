import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineGate } from '../../../src/dev/playground/line-gate.js';

function setup() {
  const input = new PassThrough() as unknown as NodeJS.ReadStream;
  let interrupts = 0;
  const gate = new LineGate(input, () => interrupts++);
  const seen: string[] = [];
  gate.output.setEncoding('utf8');
  gate.output.on('data', (c: string) => seen.push(c));
  const tick = () => new Promise((r) => setImmediate(r));
  return { input: input as unknown as PassThrough, gate, seen, tick, interrupts: () => interrupts };
}

describe('line gate', () => {
  it('lets one line through at a time; pasted lines wait for release', async () => {
    const { input, gate, seen, tick } = setup();
    input.write('/start\r/daftar\rAna Les');
    await tick();
    expect(seen.join('')).toBe('/start\r');
    gate.release();
    await tick();
    expect(seen.join('')).toBe('/start\r/daftar\r');
    gate.release();
    await tick();
    expect(seen.join('')).toBe('/start\r/daftar\rAna Les');
    input.write('tari\r\n:1');
    await tick();
    expect(seen.join('')).toBe('/start\r/daftar\rAna Lestari\r\n');
  });

  it('passes Ctrl-C on while a line is being handled', async () => {
    const { input, seen, tick, interrupts } = setup();
    input.write('/start\r');
    await tick();
    input.write('\x03');
    await tick();
    expect(interrupts()).toBe(1);
    expect(seen.join('')).toBe('/start\r');
  });
});
