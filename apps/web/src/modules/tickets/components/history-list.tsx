import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Empty, Typography } from '../../../ui';
import { Timeline } from '../../../ui/workspace-kit';
import { describeEvent, type HistoryEvent } from '../utils/event-text';

/** The ticket's history, oldest first, in sentences: "王芳 changed status from Open to Pending". */
export function HistoryList({
  events,
  nameOf,
  naming,
}: {
  events: HistoryEvent[];
  nameOf: (userId: string) => string | undefined;
  naming: { field: (name: string) => string; value: (name: string, value: unknown) => string };
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (events.length === 0) return <Empty description={t('ws.ticket.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const actor = (event: HistoryEvent) =>
    event.actor_type === 'system' || !event.actor_id ? t('ws.history.system') : (nameOf(event.actor_id) ?? t('ws.history.someone'));

  return (
    <Timeline
      data-testid="history"
      items={events.map((event) => {
        const via = i18n.exists(`via.${event.via}`) ? t(`via.${event.via}` as 'via.web') : event.via;
        return {
          key: event.id,
          content: (
            <div>
              {describeEvent(event, { actor, ...naming }).map((line, index) => (
                <div key={index} data-testid="history-line">
                  {(t as unknown as (key: string, params: Record<string, string>) => string)(`ws.history.${line.key}`, line.params)}
                </div>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <time dateTime={event.created_at}>{format.dateTime(event.created_at)}</time> · {t('ws.history.via', { via })}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}
