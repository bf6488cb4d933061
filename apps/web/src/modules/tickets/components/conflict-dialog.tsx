import { useTranslation } from 'react-i18next';
import { Alert, Button, Flex, Tag, Typography } from '../../../ui';
import { Modal } from '../../../ui/workspace-kit';
import type { TicketConflict } from '../hooks/use-ticket-draft';

export interface ConflictDialogProps {
  conflict: TicketConflict | null;
  naming: { field: (name: string) => string; value: (name: string, value: unknown) => string };
  actorName: string | undefined;
  saving: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}

/**
 * The stale save, explained: field by field, what it was when the agent started, what it is now,
 * what they wanted. They re-apply their changes on top of the new version or discard them.
 */
export function ConflictDialog({ conflict, naming, actorName, saving, onReapply, onDiscard }: ConflictDialogProps) {
  const { t } = useTranslation();
  if (!conflict) return null;
  const { rows, patch } = conflict.merge;
  const nothing = Object.keys(patch).length === 0;
  return (
    <Modal
      open
      title={t('ws.conflict.title')}
      width={720}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 360, textAlign: 'start' }}>
            {t('ws.conflict.reapplyHint')}
          </Typography.Text>
          <Flex gap={8}>
            <Button onClick={onDiscard} disabled={saving} data-testid="conflict-discard">
              {t('ws.conflict.discard')}
            </Button>
            <Button type="primary" onClick={onReapply} loading={saving} data-testid="conflict-reapply">
              {t('ws.conflict.reapply')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <div data-testid="conflict">
        <Typography.Paragraph>{actorName ? t('ws.conflict.intro', { name: actorName }) : t('ws.conflict.introUnknown')}</Typography.Paragraph>
        {nothing && <Alert type="info" showIcon title={t('ws.conflict.nothingToApply')} style={{ marginBottom: 12 }} />}
        <table className="sb-conflict-table">
          <thead>
            <tr>
              <th scope="col">{t('ws.conflict.field')}</th>
              <th scope="col">{t('ws.conflict.base')}</th>
              <th scope="col">{t('ws.conflict.theirs')}</th>
              <th scope="col">{t('ws.conflict.mine')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} className={row.kind === 'clash' ? 'is-clash' : undefined} data-testid="conflict-row" data-field={row.field} data-kind={row.kind}>
                <th scope="row" style={{ fontWeight: 500 }}>
                  {naming.field(row.field)}
                  {row.kind === 'clash' && (
                    <Tag color="red" bordered={false} style={{ marginInlineStart: 6 }}>
                      {t('ws.conflict.clash')}
                    </Tag>
                  )}
                </th>
                <td>
                  <Typography.Text type="secondary">{naming.value(row.field, row.base)}</Typography.Text>
                </td>
                <td>
                  <Typography.Text strong={row.kind !== 'mine'}>{naming.value(row.field, row.theirs)}</Typography.Text>
                </td>
                <td>
                  <Typography.Text strong={row.kind === 'mine' || row.kind === 'clash'}>{naming.value(row.field, row.mine)}</Typography.Text>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
