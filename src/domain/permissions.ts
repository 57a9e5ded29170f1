import type { Member, Role } from '../db/schema/index.js';

const rank: Record<Role, number> = { member: 0, coordinator: 1, admin: 2 };

/** True when the member holds `role` or a higher one. */
export function hasRole(member: Pick<Member, 'role'> | null | undefined, role: Role): boolean {
  return member != null && rank[member.role] >= rank[role];
}

export function isRegistered(member: Pick<Member, 'registeredAt'> | null | undefined): member is Member {
  return member != null && member.registeredAt != null;
}

export type RoleChange = { ok: true } | { ok: false; reason: 'not_admin' | 'self_demotion' };

/** Only admins assign roles; an admin may not remove their own admin role (someone must remain). */
export function canChangeRole(actor: Pick<Member, 'role' | 'id'>, target: Pick<Member, 'id'>, to: Role): RoleChange {
  if (!hasRole(actor, 'admin')) return { ok: false, reason: 'not_admin' };
  if (actor.id === target.id && to !== 'admin') return { ok: false, reason: 'self_demotion' };
  return { ok: true };
}
