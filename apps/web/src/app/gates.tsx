import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../lib/api';
import { useSession, useSetupStatus } from '../modules/session';
import { ErrorAlert, Flex, PageLoader } from '../ui';

function LoadFailure({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  const errors = useErrorText();
  return (
    <Flex justify="center" style={{ padding: 48 }}>
      <div style={{ maxWidth: 520, width: '100%' }}>
        <ErrorAlert message={errors.describe(error)} onRetry={retry} retryLabel={t('common.retry')} />
      </div>
    </Flex>
  );
}

/** A fresh install goes to the set-up page first; a set-up one never shows it again. */
export function SetupGate() {
  const { t } = useTranslation();
  const setup = useSetupStatus();
  const location = useLocation();
  if (setup.isPending) return <PageLoader label={t('common.loading')} />;
  if (setup.isError) return <LoadFailure error={setup.error} retry={() => void setup.refetch()} />;
  const onSetupPage = location.pathname === '/setup';
  if (setup.data.needed && !onSetupPage) return <Navigate to="/setup" replace />;
  if (!setup.data.needed && onSetupPage) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** Pages of the desk: signed-out visitors are sent to sign in, and brought back after. */
export function RequireSession() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader label={t('common.loading')} />;
  if (session.isError) return <LoadFailure error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Keeps signed-in users off the sign-in page. */
export function RedirectIfSignedIn() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <PageLoader label={t('common.loading')} />;
  if (session.data) return <Navigate to="/tickets" replace />;
  return <Outlet />;
}
