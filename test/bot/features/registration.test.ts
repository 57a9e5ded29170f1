import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { members, agencies } from '../../../src/db/schema/index.js';
import { engines } from '../../helpers/databases.js';
import { useHarness } from '../../helpers/harness.js';

describe.each(engines)('registration and profile (%s)', (engine) => {
  const h = useHarness(engine);

  it('greets a newcomer and asks them to register', async () => {
    const ana = h.user('Ana');
    const [reply] = await ana.send('/start');
    expect(reply?.text).toContain('Selamat datang di Warkop Indah, Ana!');
    expect(reply?.text).toContain('/daftar');
  });

  it('registers through /daftar: name, then agency by typing and pressing', async () => {
    const ana = h.user('Ana');
    await ana.send('/start');
    const [askName] = await ana.send('/daftar');
    expect(askName?.text).toContain('nama lengkap');

    const [askAgency] = await ana.send('Andi Rahmawati, S.Sos.');
    expect(askAgency?.text).toMatch(/Pilih perangkat daerah tempat Anda bertugas \(halaman 1\/\d+\)/);
    expect(askAgency?.reply_markup?.inline_keyboard.flat().length).toBeGreaterThan(5);

    const [matches] = await ana.send('kesehatan');
    const labels = matches?.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toContain('Dinkes');

    const pressed = await ana.press('Dinkes', matches);
    expect(pressed.message?.text).toContain('Terima kasih, Andi Rahmawati, S.Sos. Anda terdaftar sebagai anggota dari Dinas Kesehatan.');

    const [row] = await h.db.select().from(members).where(eq(members.telegramId, ana.id));
    expect(row?.fullName).toBe('Andi Rahmawati, S.Sos.');
    expect(row?.registeredAt).toBeInstanceOf(Date);
    const [agency] = await h.db.select().from(agencies).where(eq(agencies.id, row!.agencyId!));
    expect(agency?.shortName).toBe('Dinkes');
  });

  it('pages through the agency list', async () => {
    const ana = h.user('Ana');
    await ana.send('/daftar');
    const [list] = await ana.send('Ana Lestari');
    const next = await ana.press(/Berikutnya/, list);
    expect(next.message?.text).toMatch(/halaman 2\//);
    const back = await ana.press(/Sebelumnya/, next.message);
    expect(back.message?.text).toMatch(/halaman 1\//);
  });

  it('refuses a bad name and keeps asking', async () => {
    const ana = h.user('Ana');
    await ana.send('/daftar');
    const [reply] = await ana.send('A');
    expect(reply?.text).toContain('Nama harus terdiri dari 3–100 karakter');
    const [again] = await ana.send('Ana Lestari');
    expect(again?.text).toContain('perangkat daerah');
  });

  it('survives a restart in the middle of registering', async () => {
    const ana = h.user('Ana');
    await ana.send('/daftar');
    await ana.send('Ana Lestari');
    await h.restart();
    const [matches] = await ana.send('Masamba');
    await ana.press('Kec. Masamba', matches);
    const [row] = await h.db.select().from(members).where(eq(members.telegramId, ana.id));
    expect(row?.fullName).toBe('Ana Lestari');
  });

  it('tells unregistered members to /daftar before member-only commands', async () => {
    const budi = h.user('Budi');
    const [reply] = await budi.send('/profil');
    expect(reply?.text).toContain('hanya untuk anggota terdaftar');
  });

  it('shows and edits the profile', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Bappelitbangda');
    const [profile] = await ana.send('/profil');
    expect(profile?.text).toContain('Nama: Ana Lestari');
    expect(profile?.text).toContain('Badan Perencanaan Pembangunan');
    await ana.press('✏️ Ubah nama', profile);
    const [done] = await ana.send('Ana Lestari, S.T.');
    expect(done?.text).toContain('Nama Anda diubah menjadi Ana Lestari, S.T.');
    await ana.press('🏢 Ubah perangkat daerah', profile);
    const [matches] = await ana.send('Dukcapil');
    const changed = await ana.press('Disdukcapil', matches);
    expect(changed.message?.text).toContain('Perangkat daerah Anda diubah menjadi Dinas Kependudukan dan Pencatatan Sipil');
  });

  it('answers /daftar in a group with a link to the private chat', async () => {
    const ana = h.user('Ana');
    const group = h.api.createGroup({ title: 'Forum Inovasi', type: 'supergroup' });
    h.api.addBotToGroup(group, ana.user);
    await h.settle();
    const [reply] = await ana.send('/daftar', { chat: group });
    expect(reply?.html).toContain(`https://t.me/${h.api.bot.username}?start=daftar`);
  });

  it('escapes HTML in names', async () => {
    const ana = h.user('Ana');
    await ana.register('<b>Ana</b> & co', 'Dinkes');
    const [profile] = await ana.send('/profil');
    expect(profile?.html).toContain('&lt;b&gt;Ana&lt;/b&gt; &amp; co');
    expect(profile?.text).toContain('<b>Ana</b> & co');
  });

  it('cancels a registration with /batal', async () => {
    const ana = h.user('Ana');
    await ana.send('/daftar');
    const [cancelled] = await ana.send('/batal');
    expect(cancelled?.text).toContain('dibatalkan');
    const [hint] = await ana.send('Ana Lestari');
    expect(hint?.text).toContain('/bantuan');
  });
});
