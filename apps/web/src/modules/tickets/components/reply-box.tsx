import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { Alert, Button, Flex, Input, Segmented, Typography, useToast } from '../../../ui';
import { useAddMessage } from '../hooks/use-tickets';
import { keyForAttempt, type DraftAttempt } from '../utils/drafts';

type Visibility = 'public' | 'internal';

export interface ReplyBoxProps {
  ticketId: string;
  canReplyPublicly?: boolean;
  canWriteNotes?: boolean;
  disabled?: boolean;
}

/** Writes a public reply or an internal note on a ticket (only the kinds the user may write). */
export function ReplyBox({ ticketId, canReplyPublicly = true, canWriteNotes = true, disabled = false }: ReplyBoxProps) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const toast = useToast();
  const [visibility, setVisibility] = useState<Visibility>(canReplyPublicly ? 'public' : 'internal');
  const [body, setBody] = useState('');
  const attempt = useRef<DraftAttempt | null>(null);
  const addMessage = useAddMessage(ticketId);
  const internal = visibility === 'internal';

  const send = () => {
    const text = body.trim();
    if (!text) {
      toast.warning(t('ticket.reply.empty'));
      return;
    }
    attempt.current = keyForAttempt(attempt.current, text, !internal, () => crypto.randomUUID());
    addMessage.mutate(
      { body: text, public: !internal, idempotencyKey: attempt.current.key },
      {
        onSuccess: () => {
          attempt.current = null;
          setBody('');
          toast.success(internal ? t('ticket.reply.noteSaved') : t('ticket.reply.replySent'));
        },
      },
    );
  };

  return (
    <div
      data-testid="reply-box"
      style={{
        border: `1px solid ${internal ? '#f3d18a' : '#d9dee7'}`,
        background: internal ? '#fffbf0' : '#fff',
        borderRadius: 8,
        padding: 12,
      }}
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} wrap gap={8}>
        <Segmented<Visibility>
          value={visibility}
          onChange={setVisibility}
          disabled={disabled}
          options={[
            { value: 'public', label: t('ticket.publicReply'), disabled: !canReplyPublicly },
            { value: 'internal', label: t('ticket.internalNote'), disabled: !canWriteNotes },
          ]}
        />
        {internal && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('ticket.reply.internalWarning')}
          </Typography.Text>
        )}
      </Flex>
      <Input.TextArea
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) send();
        }}
        placeholder={internal ? t('ticket.reply.internalPlaceholder') : t('ticket.reply.publicPlaceholder')}
        autoSize={{ minRows: 3, maxRows: 12 }}
        disabled={disabled}
        aria-label={internal ? t('ticket.internalNote') : t('ticket.publicReply')}
        variant="borderless"
        style={{ padding: '4px 0' }}
      />
      {addMessage.error && <Alert type="error" showIcon title={errors.describe(addMessage.error)} style={{ marginTop: 8 }} />}
      <Flex justify="flex-end" style={{ marginTop: 8 }}>
        <Button type="primary" onClick={send} loading={addMessage.isPending} disabled={disabled} data-testid="send-message">
          {internal ? t('ticket.reply.saveNote') : t('ticket.reply.sendReply')}
        </Button>
      </Flex>
    </div>
  );
}
