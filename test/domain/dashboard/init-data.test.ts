import { describe, expect, it } from 'vitest';
import { checkInitData, signInitData } from '../../../src/domain/dashboard/init-data.js';

// A signed initData published in the Telegram Mini Apps documentation (tma.js), with its bot token.
// It was not produced by our signer, so a mistake shared by our signer and checker cannot pass.
const VECTOR = {
  token: '5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8',
  initData:
    'query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%7D&auth_date=1662771648&hash=c501b71e775f74ce10e377dea85a7ea24ecd640b223ea86dfe453e0eaed2e2b2',
  at: new Date(1662771648 * 1000),
};

describe('Telegram Mini App initData', () => {
  it('accepts the published vector and names its user', () => {
    const r = checkInitData(VECTOR.initData, VECTOR.token, new Date(VECTOR.at.getTime() + 60_000));
    expect(r).toEqual({ ok: true, user: { id: 279058397, firstName: 'Vladislav', languageCode: 'ru' }, authDate: VECTOR.at });
  });

  it('our signer produces the published hash for the same fields', () => {
    const fields = Object.fromEntries(new URLSearchParams(VECTOR.initData));
    const signed = new URLSearchParams(signInitData(fields, VECTOR.token));
    expect(signed.get('hash')).toBe('c501b71e775f74ce10e377dea85a7ea24ecd640b223ea86dfe453e0eaed2e2b2');
  });

  it('refuses another bot token, a changed field, a missing or malformed hash', () => {
    const later = new Date(VECTOR.at.getTime() + 60_000);
    expect(checkInitData(VECTOR.initData, '5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx9', later)).toEqual({ ok: false, reason: 'bad_signature' });
    const changed = VECTOR.initData.replace('279058397', '279058398');
    expect(checkInitData(changed, VECTOR.token, later)).toEqual({ ok: false, reason: 'bad_signature' });
    const resigned = VECTOR.initData.replace('auth_date=1662771648', 'auth_date=1662771649');
    expect(checkInitData(resigned, VECTOR.token, later)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkInitData(VECTOR.initData.replace(/&hash=.*/, ''), VECTOR.token, later)).toEqual({ ok: false, reason: 'no_hash' });
    expect(checkInitData(VECTOR.initData.replace(/hash=[0-9a-f]+/, 'hash=xyz'), VECTOR.token, later)).toEqual({ ok: false, reason: 'no_hash' });
    expect(checkInitData('', VECTOR.token, later)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses initData older than the freshness window, or dated in the future', () => {
    const dayAndASecond = new Date(VECTOR.at.getTime() + (24 * 3600 + 1) * 1000);
    expect(checkInitData(VECTOR.initData, VECTOR.token, dayAndASecond)).toEqual({ ok: false, reason: 'expired' });
    expect(checkInitData(VECTOR.initData, VECTOR.token, new Date(VECTOR.at.getTime() + 3600_000), 600)).toEqual({ ok: false, reason: 'expired' });
    expect(checkInitData(VECTOR.initData, VECTOR.token, new Date(VECTOR.at.getTime() - 3600_000))).toEqual({ ok: false, reason: 'future' });
  });

  it('refuses signed data without a user', () => {
    const token = '123:abc';
    const data = signInitData({ auth_date: '1662771648', query_id: 'x' }, token);
    expect(checkInitData(data, token, VECTOR.at)).toEqual({ ok: false, reason: 'no_user' });
  });
});
