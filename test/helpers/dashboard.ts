import type { AddressInfo } from 'node:net';
import { signInitData } from '../../src/domain/dashboard/init-data.js';
import type { Harness, TestUser } from './harness.js';

/** The bot listens for the dashboard on a free local port; links name this public address. */
export const DASHBOARD_ENV = { DASHBOARD_URL: 'http://dasbor.test', PORT: '0', HOST: '127.0.0.1' };

/** Where the test reaches the bot's HTTP server. */
export function serverOrigin(h: Harness): string {
  const address = h.app.server?.address() as AddressInfo | null | undefined;
  if (!address) throw new Error('the bot is not listening (is DASHBOARD_URL set?)');
  return `http://127.0.0.1:${address.port}`;
}

/** `/dasbor` in the private chat; returns the link's path (/dasbor/masuk/<token>) and full address. */
export async function askLink(user: TestUser): Promise<{ url: string; path: string }> {
  const reply = await user.ask('/dasbor');
  const match = /(http:\/\/dasbor\.test(\/dasbor\/masuk\/[A-Za-z0-9_-]+))/.exec(reply.text ?? '');
  if (!match) throw new Error(`no sign-in link in ${JSON.stringify(reply.text)}`);
  return { url: match[1]!, path: match[2]! };
}

export interface Page {
  status: number;
  text: string;
  headers: Headers;
}

export async function fetchPage(h: Harness, path: string, opts: { cookie?: string | undefined; initData?: string; method?: string; body?: URLSearchParams; origin?: string } = {}): Promise<Page> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.initData !== undefined) headers['x-telegram-init-data'] = opts.initData;
  if (opts.origin) headers.origin = opts.origin;
  const res = await fetch(`${serverOrigin(h)}${path}`, { method: opts.method ?? 'GET', headers, redirect: 'manual', ...(opts.body ? { body: opts.body } : {}) });
  const isText = /text|json|csv/.test(res.headers.get('content-type') ?? '');
  return { status: res.status, text: isText ? await res.text() : '', headers: res.headers };
}

/** Presses the sign-in page's button (POST with the token). Returns the response and the cookie it set. */
export async function redeem(h: Harness, linkPath: string): Promise<{ page: Page; cookie: string | undefined }> {
  const token = linkPath.split('/').pop()!;
  const page = await fetchPage(h, '/dasbor/masuk', { method: 'POST', body: new URLSearchParams({ token }) });
  const set = page.headers.get('set-cookie');
  return { page, cookie: set ? set.split(';')[0] : undefined };
}

export async function signIn(h: Harness, user: TestUser): Promise<string> {
  const { path } = await askLink(user);
  const { page, cookie } = await redeem(h, path);
  if (page.status !== 303 || !cookie) throw new Error(`sign-in failed: ${page.status} ${page.text}`);
  return cookie;
}

/** initData as Telegram signs it for a Mini App opened by `user` at `at`. */
export function initDataFor(h: Harness, user: { id: number; first_name: string }, at: Date, token = h.api.token): string {
  return signInitData({ query_id: 'AAHdF6IQAAAAAN0XohDhrOrc', user: JSON.stringify({ id: user.id, first_name: user.first_name, language_code: 'id' }), auth_date: String(Math.floor(at.getTime() / 1000)) }, token);
}
