import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
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

  const workspace = /^\/(tickets|views|search)(\/|$)/.test(location.pathname);
  const activeKey = workspace ? 'tickets' : undefined;
  const statusLabel =
    status === 'live' ? t('realtime.live') : status === 'connecting' ? t('common.loading') : t('realtime.reconnecting');

  return (
    <AppShell
      navLabel={t('nav.main')}
      nav={[{ key: 'tickets', label: t('nav.tickets'), icon: <InboxOutlined /> }]}
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
