import { html, type Html } from '../html.js';
import type { core as source } from '../id/core.js';

export const core: typeof source = {
  'lang.name': 'English',
  'role.member': 'member',
  'role.coordinator': 'coordinator',
  'role.admin': 'admin',

  'start.welcome': (p: { name: string }): Html =>
    html`Welcome to <b>Warkop Indah</b>, ${p.name}!\n\nThe innovation forum (Warung Koordinasi dan Pembangunan Inovasi Daerah) of Luwu Utara Regency. Here you can pitch public-service innovation ideas, support ideas from colleagues in other agencies, join Warkop Indah discussion sessions, and prepare competition proposals.`,
  'start.registerHint': 'Please register first with /register so your ideas are recorded under your name and your agency.',
  'start.registeredHint': 'Type /help to see the commands you can use.',
  'start.unknownLink': 'That link is not recognised or has expired. Type /help to see the available commands.',

  'help.title': '<b>Warkop Indah commands</b>',
  'help.roleLine': (p: { role: string }): Html => html`Your role: <i>${p.role}</i>`,
  'help.section.anyone': '<b>Everyone</b>',
  'help.section.member': '<b>Members</b>',
  'help.section.coordinator': '<b>Coordinators</b>',
  'help.section.admin': '<b>Admins</b>',
  'help.unregistered': 'You are not registered yet. Member commands become available after /register.',

  'cmd.start': 'Start and introduction',
  'cmd.help': 'List of commands',
  'cmd.language': 'Change language',
  'cmd.register': 'Register as a forum member',
  'cmd.profile': 'View or change your profile',
  'cmd.cancel': 'Cancel the current step',
  'cmd.agencies': 'List of agencies',
  'cmd.role': 'Set a member’s role',

  'lang.choose': 'Choose your language:',
  'lang.changed': 'Language changed to English.',

  'reg.askName': 'Please type your <b>full name</b> (with titles, if any), for example: <i>Andi Rahmawati, S.Sos.</i>\n\nType /cancel to stop.',
  'reg.nameInvalid': (p: { min: number; max: number }): Html =>
    html`A name must be ${p.min}–${p.max} characters of text. Please type your full name again.`,
  'reg.askAgency': (p: { page: number; pages: number }): Html =>
    html`Choose the <b>agency</b> you work in (page ${p.page}/${p.pages}). You can also type part of its name to search, e.g. <i>kesehatan</i> or <i>Masamba</i>.`,
  'reg.agencyMatches': (p: { query: string }): Html => html`Results for “${p.query}”. Choose your agency:`,
  'reg.agencyNoMatch': (p: { query: string }): Html => html`No agency matches “${p.query}”. Try another word or choose from the list.`,
  'reg.agencyGone': 'That agency is no longer available. Please choose another one.',
  'reg.done': (p: { name: string; agency: string }): Html =>
    html`Thank you, <b>${p.name}</b>${p.name.endsWith('.') ? '' : '.'} You are registered as a member of <b>${p.agency}</b>.\n\nType /help to see what you can do.`,
  'reg.notInConversation': 'This registration step has expired. Type /register to start again.',
  'reg.privateOnly': (p: { link: string }): Html =>
    html`Registration happens in a private chat with the bot. <a href="${p.link}">Open the private chat</a> and type /register.`,
  'reg.required': 'This command is for registered members. Please /register first in a private chat with the bot.',
  'reg.requiredLink': (p: { link: string }): Html => html`This command is for registered members. <a href="${p.link}">Register here</a> first.`,

  'profile.view': (p: { name: string; agency: string; role: string; language: string; username: string }): Html =>
    html`<b>Your profile</b>\nName: ${p.name}\nAgency: ${p.agency}\nRole: ${p.role}\nLanguage: ${p.language}\nTelegram: ${p.username}`,
  'profile.changeName': '✏️ Change name',
  'profile.changeAgency': '🏢 Change agency',
  'profile.changeLanguage': '🌐 Change language',
  'profile.nameChanged': (p: { name: string }): Html => html`Your name is now <b>${p.name}</b>.`,
  'profile.agencyChanged': (p: { agency: string }): Html => html`Your agency is now <b>${p.agency}</b>.`,
  'profile.notRegistered': 'You are not registered yet. Type /register to register.',

  'cancel.done': 'All right, that step is cancelled.',
  'cancel.nothing': 'There is nothing to cancel.',

  'role.usage': 'Usage: <code>/role @username coordinator</code> or <code>/role 123456789 member</code>. Roles: member, coordinator, admin.',
  'role.unknownRole': (p: { role: string }): Html => html`Unknown role “${p.role}”. Use one of: member, coordinator, admin.`,
  'role.memberNotFound': (p: { handle: string }): Html =>
    html`Member ${p.handle} was not found. They need to message the bot first (for example /start).`,
  'role.changed': (p: { name: string; role: string }): Html => html`<b>${p.name}</b> is now: <b>${p.role}</b>.`,
  'role.selfDemotion': 'You cannot remove your own admin role. Ask another admin to do it.',
  'role.notified': (p: { role: string }): Html => html`Your role in Warkop Indah is now: <b>${p.role}</b>.`,

  'guard.coordinatorOnly': 'Sorry, this command is only for coordinators of the Warkop Indah team.',
  'guard.adminOnly': 'Sorry, this command is only for admins.',
  'guard.privateOnly': 'This command can only be used in a private chat with the bot.',
  'guard.groupOnly': 'This command can only be used inside a group.',
  'guard.staleButton': 'This button is no longer valid.',
  'guard.notYourButton': 'This button is not for you.',

  'agencies.title': (p: { count: number }): Html => html`<b>Agencies</b> (${p.count})`,
  'agencies.addUsage': 'To add one: <code>/agencies add Full Name | Short name</code>\nExample: <code>/agencies add Badan Riset dan Inovasi Daerah | Brida</code>',
  'agencies.added': (p: { name: string; shortName: string }): Html => html`Agency <b>${p.name}</b> (${p.shortName}) added.`,
  'agencies.duplicate': (p: { name: string }): Html => html`Agency “${p.name}” already exists.`,
  'agencies.invalid': 'The full name must be 3–200 characters and the short name 2–40 characters.',
  'agencies.renameUsage': 'To rename: <code>/agencies rename ID New Name | Short name</code>',
  'agencies.renamed': (p: { name: string; shortName: string }): Html => html`Agency renamed to <b>${p.name}</b> (${p.shortName}).`,
  'agencies.deactivated': (p: { name: string }): Html => html`Agency <b>${p.name}</b> deactivated.`,
  'agencies.activated': (p: { name: string }): Html => html`Agency <b>${p.name}</b> is active again.`,
  'agencies.notFound': (p: { id: string }): Html => html`No agency with number ${p.id}.`,

  'group.hello': 'Thank you for adding the <b>Warkop Indah</b> bot to this group. Members can pitch ideas with <code>/pitch Innovation name — problem and short solution</code>. Coordinators can link this group for session announcements with /link.',

  'unhandled.private': 'Sorry, I did not understand that message. Type /help to see the available commands.',
  'error.generic': 'Sorry, something went wrong while handling your request. Please try again in a moment.',
  'error.busy': 'Sorry, the service is busy or the database cannot be reached. Please try again in a moment.',

  'pager.prev': '◀️ Previous',
  'pager.next': 'Next ▶️',
  'common.none': '—',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.cancel': 'Cancel',
};
