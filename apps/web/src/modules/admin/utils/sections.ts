import type { Role } from '../../session';

/**
 * The admin console's sections and, per role, whether each is shown and editable. Mirrors the
 * server's permissions (platform/auth-context/permissions.ts); the server still decides.
 */
export const ADMIN_SECTIONS = [
  'users', 'groups', 'organizations', 'statuses', 'fields', 'forms', 'categories', 'tags', 'views', 'mailboxes', 'quarantine', 'tokens', 'audit', 'settings',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

type Access = 'edit' | 'read' | 'none';
const ADMINS: Access = 'edit';

const supervisor: Record<AdminSection, Access> = {
  users: 'read',
  groups: 'read',
  organizations: 'edit',
  statuses: 'read',
  fields: 'read',
  forms: 'read',
  categories: 'read',
  tags: 'edit',
  views: 'read',
  mailboxes: 'read',
  quarantine: 'edit',
  tokens: 'none',
  audit: 'none',
  settings: 'none',
};

export function sectionAccess(role: Role | undefined, section: AdminSection): Access {
  if (role === 'owner' || role === 'admin') return ADMINS;
  if (role === 'supervisor') return supervisor[section];
  return 'none';
}

/** Sections this role sees, in menu order. */
export function visibleSections(role: Role | undefined): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => sectionAccess(role, section) !== 'none');
}

export const canOpenAdmin = (role: Role | undefined) => visibleSections(role).length > 0;

/** The email channel's sections, shown together under "Email" (their labels live under admin.email.nav). */
export const EMAIL_SECTIONS: readonly AdminSection[] = ['mailboxes', 'quarantine'];

export function isAdminSection(value: string | undefined): value is AdminSection {
  return (ADMIN_SECTIONS as readonly string[]).includes(value ?? '');
}
