import {
  ApiOutlined, AppstoreOutlined, AuditOutlined, BankOutlined, EyeOutlined, FlagOutlined, FormOutlined, InboxOutlined, MailOutlined,
  PartitionOutlined, SafetyOutlined, SettingOutlined, TagsOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import {
  AuditPanel, CategoriesPanel, EMAIL_SECTIONS, FieldsPanel, FormsPanel, GroupsPanel, isAdminSection, OrganizationsPanel, sectionAccess, SettingsPanel,
  StatusesPanel, TagsPanel, TokensPanel, UsersPanel, ViewsPanel, visibleSections, type AdminSection,
} from '../../modules/admin';
import { MailboxesPanel, QuarantinePanel } from '../../modules/email';
import { useSession } from '../../modules/session';
import { Flex, Result } from '../../ui';
import { Menu, type MenuProps } from '../../ui/admin-kit';

const icons: Record<AdminSection, ReactNode> = {
  users: <UserOutlined />,
  groups: <TeamOutlined />,
  organizations: <BankOutlined />,
  statuses: <FlagOutlined />,
  fields: <AppstoreOutlined />,
  forms: <FormOutlined />,
  categories: <PartitionOutlined />,
  tags: <TagsOutlined />,
  views: <EyeOutlined />,
  mailboxes: <InboxOutlined />,
  quarantine: <SafetyOutlined />,
  tokens: <ApiOutlined />,
  audit: <AuditOutlined />,
  settings: <SettingOutlined />,
};

const panels: Record<AdminSection, ComponentType<{ canEdit: boolean }>> = {
  users: UsersPanel,
  groups: GroupsPanel,
  organizations: OrganizationsPanel,
  statuses: StatusesPanel,
  fields: FieldsPanel,
  forms: FormsPanel,
  categories: CategoriesPanel,
  tags: TagsPanel,
  views: ViewsPanel,
  mailboxes: MailboxesPanel,
  quarantine: QuarantinePanel,
  tokens: TokensPanel,
  audit: AuditPanel,
  settings: SettingsPanel,
};

/** /admin/:section: the sections this role may see on the left, the chosen one on the right. */
export function AdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { section } = useParams();
  const role = useSession().data?.user.role;
  const sections = visibleSections(role);
  if (sections.length === 0) return <Result status="403" title={t('admin.common.noAccess')} />;
  if (!isAdminSection(section) || !sections.includes(section)) return <Navigate to={`/admin/${sections[0]}`} replace />;
  const Panel = panels[section];
  const label = (key: AdminSection) => (EMAIL_SECTIONS.includes(key) ? t(`admin.email.nav.${key as 'mailboxes' | 'quarantine'}`) : t(`admin.nav.${key as Exclude<AdminSection, 'mailboxes' | 'quarantine'>}`));
  const item = (key: AdminSection) => ({ key, icon: icons[key], label: label(key) });
  // The email sections sit together in an "Email" submenu (open by default), where the first of them would be.
  const email = sections.filter((key) => EMAIL_SECTIONS.includes(key));
  const items = sections.flatMap((key): NonNullable<MenuProps['items']> => {
    if (!EMAIL_SECTIONS.includes(key)) return [item(key)];
    return key === email[0] ? [{ key: 'email', icon: <MailOutlined />, label: t('admin.email.nav.group'), children: email.map(item) }] : [];
  });
  return (
    <Flex gap={24} align="flex-start">
      <nav aria-label={t('admin.nav.label')} style={{ width: 210, flex: 'none', position: 'sticky', top: 88 }}>
        <Menu
          mode="inline"
          selectedKeys={[section]}
          defaultOpenKeys={['email']}
          items={items}
          onClick={({ key }) => navigate(`/admin/${key}`)}
          style={{ borderInlineEnd: 'none', background: 'transparent' }}
          data-testid="admin-nav"
        />
      </nav>
      <section style={{ flex: 1, minWidth: 0 }} aria-label={label(section)}>
        <Panel canEdit={sectionAccess(role, section) === 'edit'} />
      </section>
    </Flex>
  );
}

