/** Reading a request's fields the way the Bot API does (numbers and booleans may come as strings). */
import { badRequest } from '../errors.js';
import type { Payload } from './context.js';

export function num(p: Payload, key: string): number | undefined {
  const v = p[key];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

export function reqNum(p: Payload, key: string): number {
  const v = num(p, key);
  if (v === undefined || !Number.isInteger(v)) {
    throw badRequest(p[key] === undefined ? `${key} is empty` : `invalid ${key} specified`);
  }
  return v;
}

export function str(p: Payload, key: string): string | undefined {
  const v = p[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function bool(p: Payload, key: string): boolean {
  const v = p[key];
  return v === true || v === 'true' || v === 1 || v === '1';
}

export function obj(v: unknown): Payload | undefined {
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Payload) : undefined;
}

export function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}
