// The admin console: users and invitations, groups, organizations, ticket configuration,
// views, API tokens, the audit log and the workspace's settings.
export { adminApi } from './api/admin-api';
export { adminKeys } from './hooks/admin-keys';
export { ADMIN_SECTIONS, EMAIL_SECTIONS, canOpenAdmin, isAdminSection, sectionAccess, visibleSections, type AdminSection } from './utils/sections';
export { UsersPanel } from './components/users-panel';
export { GroupsPanel } from './components/groups-panel';
export { OrganizationsPanel } from './components/organizations-panel';
export { StatusesPanel } from './components/statuses-panel';
export { FieldsPanel } from './components/fields-panel';
export { FormsPanel } from './components/forms-panel';
export { CategoriesPanel } from './components/categories-panel';
export { TagsPanel } from './components/tags-panel';
export { ViewsPanel } from './components/views-panel';
export { TokensPanel } from './components/tokens-panel';
export { AuditPanel } from './components/audit-panel';
export { SettingsPanel } from './components/settings-panel';
