import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Avatar, Dropdown, Space, Typography } from '../../../ui';
import type { Session } from '../api/session-api';
import { useLogout } from '../hooks/use-session';

/** The signed-in user's name, company and the way out. */
export function UserMenu({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const logout = useLogout(onSignedOut);
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{session.user.name}</Typography.Text>
                <Typography.Text type="secondary">{session.user.email}</Typography.Text>
                <Typography.Text type="secondary">{session.tenant.name}</Typography.Text>
              </Space>
            ),
          },
          { type: 'divider' },
          { key: 'sign-out', icon: <LogoutOutlined />, label: t('common.signOut'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'sign-out') logout.mutate();
        },
      }}
    >
      <button
        type="button"
        data-testid="user-menu"
        style={{ all: 'unset', cursor: 'pointer', display: 'inline-flex', alignItems: 'center', gap: 8 }}
      >
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f5fbf' }} />
        <Typography.Text>{session.user.name}</Typography.Text>
      </button>
    </Dropdown>
  );
}
