import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../../session';
import { QUARANTINE_ROLES } from '../utils/quarantine';

/** The agent workspace's way to the quarantine, under the views (styled like them). */
export function QuarantineRailLink() {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  if (!role || !QUARANTINE_ROLES.includes(role)) return null;
  return (
    <nav aria-label={t('ws.email.quarantine.title')} style={{ marginTop: 16 }}>
      <NavLink to="/email/quarantine" className={({ isActive }) => `sb-rail-link${isActive ? ' is-active' : ''}`} data-testid="quarantine-link">
        <span className="sb-rail-title">
          <SafetyOutlined aria-hidden style={{ marginInlineEnd: 8 }} />
          {t('ws.email.quarantine.railLink')}
        </span>
      </NavLink>
    </nav>
  );
}
