import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PresenceUser } from '../../../lib/realtime';
import { Tag } from '../../../ui';
import { othersOnTicket } from '../utils/presence-frames';

/** "王芳 is viewing", "Alex is replying": the others on this ticket right now. */
export function PresenceBar({ users, meId }: { users: PresenceUser[]; meId: string | undefined }) {
  const { t } = useTranslation();
  const others = othersOnTicket(users, meId);
  if (others.length === 0) return null;
  return (
    <div className="sb-presence" role="status" aria-label={t('ws.presence.label')} data-testid="presence">
      {others.slice(0, 4).map((user) => (
        <Tag
          key={user.id}
          color={user.state === 'replying' ? 'orange' : 'blue'}
          icon={user.state === 'replying' ? <EditOutlined /> : <EyeOutlined />}
          data-state={user.state}
          style={{ marginInlineEnd: 0 }}
        >
          {t(user.state === 'replying' ? 'ws.presence.replying' : 'ws.presence.viewing', { name: user.name })}
        </Tag>
      ))}
      {others.length > 4 && <Tag>{t('ws.presence.others', { count: others.length - 4 })}</Tag>}
    </div>
  );
}
