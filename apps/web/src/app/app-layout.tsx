import { InboxOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { canOpenAdmin } from '../modules/admin/utils/sections';
import { GlobalSearch } from '../modules/search';
import { LanguagePicker, useSession, UserMenu } from '../modules/session';
import { AppShell, ConnectionDot } from '../ui';
import { useRealtime } from './realtime';

/** The signed-in frame: navigation, live-update light, language, the user menu. */
export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession().data;
  const status = useRealtime(Boolean(session));
  if (!session) return null;
  // Customers have the help portal, not the desk.
  if (session.user.role === 'customer') return <Navigate to="/portal" replace />;

  const workspace = /^\/(tickets|views|search|email|customers)(\/|$)/.test(location.pathname);
  const activeKey = workspace ? 'tickets' : location.pathname.startsWith('/admin') ? 'admin' : undefined;
  const statusLabel =
    status === 'live' ? t('realtime.live') : status === 'connecting' ? t('common.loading') : t('realtime.reconnecting');

  return (
    <AppShell
      navLabel={t('nav.main')}
      nav={[
        { key: 'tickets', label: t('nav.tickets'), icon: <InboxOutlined /> },
        ...(canOpenAdmin(session.user.role) ? [{ key: 'admin', label: t('admin.title'), icon: <SettingOutlined /> }] : []),
      ]}
      activeKey={activeKey}
      wide={workspace}
      onNavigate={(key) => navigate(`/${key}`)}
      corner={
        <>
          <GlobalSearch />
          <ConnectionDot state={status} label={statusLabel} />
          <LanguagePicker />
          <UserMenu session={session} onSignedOut={() => navigate('/sign-in', { replace: true, state: { signedOut: true } })} />
        </>
      }
    >
      <Outlet />
    </AppShell>
  );
}
