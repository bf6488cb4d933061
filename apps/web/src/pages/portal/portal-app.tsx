import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useErrorText } from '../../lib/api';
import {
  PortalLayout, PortalNewTicket, PortalSignIn, PortalTicket, PortalTickets, portalApi, portalCompany, rememberCompany, storedCompany, usePortalTenant,
} from '../../modules/portal';
import { sessionApi, sessionKeys, useSession } from '../../modules/session';
import { Button, PageLoader, Result } from '../../ui';

/**
 * /portal/*: the customer help portal. Signed-out visitors sign in (emailed link or password);
 * customers see their requests; team members are pointed to the desk.
 */
export function PortalApp() {
  const { t } = useTranslation();
  const location = useLocation();
  const company = portalCompany(location.search, storedCompany());
  useEffect(() => rememberCompany(company), [company]);
  const session = useSession();
  const tenant = usePortalTenant(company);
  if (session.isPending) return <PageLoader label={t('common.loading')} />;
  const user = session.data?.user;
  return (
    <PortalLayout tenant={tenant.data}>
      <Routes>
        <Route path="link" element={<MagicLinkLanding />} />
        {!user && <Route path="*" element={<PortalSignIn company={company ?? tenant.data?.slug ?? null} />} />}
        {user && user.role !== 'customer' && <Route path="*" element={<StaffNotice />} />}
        {user?.role === 'customer' && (
          <>
            <Route index element={<PortalTickets />} />
            <Route path="tickets/new" element={<PortalNewTicket />} />
            <Route path="tickets/:ticketId" element={<TicketRoute />} />
            <Route path="*" element={<Navigate to="/portal" replace />} />
          </>
        )}
      </Routes>
    </PortalLayout>
  );
}

function TicketRoute() {
  const { ticketId = '' } = useParams();
  return <PortalTicket key={ticketId} ticketId={ticketId} />;
}

/** /portal/link?token=...: signs in with the emailed link (a POST, so mail scanners fetching the link do not use it up). */
function MagicLinkLanding() {
  const { t } = useTranslation();
  const errors = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const started = useRef(false);
  const consume = useMutation({
    mutationFn: () => portalApi.consumeLink(token),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: sessionKeys.me() });
      await queryClient.fetchQuery({ queryKey: sessionKeys.me(), queryFn: sessionApi.me });
      navigate('/portal', { replace: true });
    },
  });
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    consume.mutate();
  }, [token, consume]);
  if (!token || consume.isError) {
    return (
      <Result
        status="warning"
        title={t('portal.link.failed')}
        subTitle={consume.error ? errors.describe(consume.error) : undefined}
        extra={<Button onClick={() => navigate('/portal', { replace: true })}>{t('portal.link.again')}</Button>}
      />
    );
  }
  return <PageLoader label={t('portal.link.signingIn')} />;
}

function StaffNotice() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="info"
      title={t('portal.staff.title')}
      subTitle={t('portal.staff.body')}
      extra={<Button type="primary" onClick={() => navigate('/tickets')}>{t('portal.staff.open')}</Button>}
    />
  );
}
