import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { LanguagePicker, useLogout, useSession } from '../../session';
import { Button, Flex, Typography } from '../../../ui';
import { Layout } from '../../../ui/admin-kit';
import type { PortalTenant } from '../api/portal-api';

/** The portal's frame: the company's logo and name, the customer's links, language; narrow and phone-friendly. */
export function PortalLayout({ tenant, children }: { tenant: PortalTenant | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession().data;
  const logout = useLogout(() => navigate('/portal', { replace: true }));
  const customer = session?.user.role === 'customer';
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header style={{ background: '#fff', borderBottom: '1px solid #e8ebf0', padding: '10px 16px' }}>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ maxWidth: 820, margin: '0 auto' }}>
          <Link to="/portal" style={{ display: 'flex', alignItems: 'center', gap: 10, color: 'inherit' }}>
            {tenant?.logo_url && <img src={tenant.logo_url} alt="" style={{ height: 32, maxWidth: 120, objectFit: 'contain' }} />}
            <Typography.Text strong style={{ fontSize: 16 }}>
              {tenant?.name ?? session?.tenant.name ?? ''} · {t('portal.title')}
            </Typography.Text>
          </Link>
          <nav aria-label={t('portal.nav.menu')}>
            <Flex gap={8} align="center" wrap>
              {customer && (
                <>
                  <Link to="/portal">{t('portal.nav.requests')}</Link>
                  <Button type="primary" size="small" onClick={() => navigate('/portal/tickets/new')} data-testid="portal-new-request">
                    {t('portal.nav.newRequest')}
                  </Button>
                </>
              )}
              <LanguagePicker />
              {session && (
                <Button size="small" onClick={() => logout.mutate()}>
                  {t('portal.nav.signOut')}
                </Button>
              )}
            </Flex>
          </nav>
        </Flex>
      </header>
      <main style={{ width: '100%', maxWidth: 820, margin: '0 auto', padding: '20px 16px 48px' }}>{children}</main>
    </Layout>
  );
}
