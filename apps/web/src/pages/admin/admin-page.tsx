import {
  ApiOutlined, AppstoreOutlined, AuditOutlined, BankOutlined, EyeOutlined, FlagOutlined, FormOutlined,
  PartitionOutlined, SettingOutlined, TagsOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import {
  AuditPanel, CategoriesPanel, FieldsPanel, FormsPanel, GroupsPanel, isAdminSection, OrganizationsPanel, sectionAccess, SettingsPanel,
  StatusesPanel, TagsPanel, TokensPanel, UsersPanel, ViewsPanel, visibleSections, type AdminSection,
} from '../../modules/admin';
import { useSession } from '../../modules/session';
import { Flex, Result } from '../../ui';
import { Menu } from '../../ui/admin-kit';

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
  return (
    <Flex gap={24} align="flex-start">
      <nav aria-label={t('admin.nav.label')} style={{ width: 210, flex: 'none', position: 'sticky', top: 88 }}>
        <Menu
          mode="inline"
          selectedKeys={[section]}
          items={sections.map((key) => ({ key, icon: icons[key], label: t(`admin.nav.${key}`) }))}
          onClick={({ key }) => navigate(`/admin/${key}`)}
          style={{ borderInlineEnd: 'none', background: 'transparent' }}
          data-testid="admin-nav"
        />
      </nav>
      <section style={{ flex: 1, minWidth: 0 }} aria-label={t(`admin.nav.${section}`)}>
        <Panel canEdit={sectionAccess(role, section) === 'edit'} />
      </section>
    </Flex>
  );
}

