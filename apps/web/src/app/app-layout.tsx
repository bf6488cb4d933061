import { InboxOutlined, SettingOutlined } from '@ant-design/icons';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { canOpenAdmin } from '../modules/admin/utils/sections';
import { GlobalSearch } from '../modules/search';
import { LanguagePicker, useSession, UserMenu } from '../modules/session';
import { AppShell, ConnectionDot } from '../ui';
import { useRealtime } from './realtime';
import { useWarmUp } from './warm-up';

/** The signed-in frame: navigation, live-update light, language, the user menu. */
export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession().data;
  const status = useRealtime(Boolean(session));
  const role = session?.user.role;
  useWarmUp(role);

  // Stable header props: a route change inside one area re-renders the page, not the header.
  const nav = useMemo(
    () => [
      { key: 'tickets', label: t('nav.tickets'), icon: <InboxOutlined /> },
      ...(role && canOpenAdmin(role) ? [{ key: 'admin', label: t('admin.title'), icon: <SettingOutlined /> }] : []),
    ],
    [t, role],
  );
  const onNavigate = useCallback((key: string) => navigate(`/${key}`), [navigate]);
  const onSignedOut = useCallback(() => navigate('/sign-in', { replace: true, state: { signedOut: true } }), [navigate]);
  const statusLabel = status === 'live' ? t('realtime.live') : status === 'connecting' ? t('common.loading') : t('realtime.reconnecting');
  const corner = useMemo(
    () =>
      session && (
        <>
          <GlobalSearch />
          <ConnectionDot state={status} label={statusLabel} />
          <LanguagePicker />
          <UserMenu session={session} onSignedOut={onSignedOut} />
        </>
      ),
    [session, status, statusLabel, onSignedOut],
  );

  if (!session) return null;
  // Customers have the help portal, not the desk.
  if (session.user.role === 'customer') return <Navigate to="/portal" replace />;

  const workspace = /^\/(tickets|views|search|email)(\/|$)/.test(location.pathname);
  const activeKey = workspace ? 'tickets' : location.pathname.startsWith('/admin') ? 'admin' : undefined;

  return (
    <AppShell navLabel={t('nav.main')} nav={nav} activeKey={activeKey} wide={workspace} onNavigate={onNavigate} corner={corner}>
      <Outlet />
    </AppShell>
  );
}
