import { useTranslation } from 'react-i18next';
import { QUARANTINE_ROLES, QuarantinePanel } from '../../modules/email';
import { useSession } from '../../modules/session';
import { Result } from '../../ui';

/** /email/quarantine in the agent workspace: inbound mail that did not become a ticket. */
export function QuarantinePage() {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  if (!role || !QUARANTINE_ROLES.includes(role)) return <Result status="403" title={t('admin.common.noAccess')} />;
  return <QuarantinePanel />;
}
