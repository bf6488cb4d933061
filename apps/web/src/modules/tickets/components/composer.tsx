import { DownOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { Alert, Button, Dropdown, Flex, Input, Segmented, Space, Typography, useToast } from '../../../ui';
import { Upload, type UploadFile } from '../../../ui/workspace-kit';
import { ticketsApi, type StatusCategory, type Ticket } from '../api/tickets-api';
import { workspaceApi } from '../api/workspace-api';
import { ticketKeys } from '../hooks/ticket-keys';
import { useAddMessage } from '../hooks/use-tickets';
import { keyForAttempt, type DraftAttempt } from '../utils/drafts';

type Visibility = 'public' | 'internal';

export interface ComposerCommands {
  focus: (visibility: Visibility) => void;
}

export interface ComposerProps {
  ticket: Ticket;
  canReplyPublicly: boolean;
  canWriteNotes: boolean;
  canUpdate: boolean;
  disabled?: boolean;
  /** True while there is a draft: presence says "replying". */
  onDraftingChange?: (drafting: boolean) => void;
  commands?: Ref<ComposerCommands>;
}

const SUBMIT_AS: StatusCategory[] = ['open', 'pending', 'on_hold', 'solved'];

/**
 * Writes a public reply or an internal note, with attachments (uploaded first, bound by token),
 * and can set the status in the same move ("Send as Pending"). The note mode is amber and says
 * the customer will not see it.
 */
export function Composer({ ticket, canReplyPublicly, canWriteNotes, canUpdate, disabled = false, onDraftingChange, commands }: ComposerProps) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [visibility, setVisibility] = useState<Visibility>(canReplyPublicly ? 'public' : 'internal');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<Array<UploadFile & { token?: string }>>([]);
  const attempt = useRef<DraftAttempt | null>(null);
  const textArea = useRef<HTMLTextAreaElement | null>(null);
  const addMessage = useAddMessage(ticket.id);
  const internal = visibility === 'internal';
  const uploading = files.some((file) => file.status === 'uploading');

  useImperativeHandle(commands, () => ({
    focus: (next) => {
      if ((next === 'public' && canReplyPublicly) || (next === 'internal' && canWriteNotes)) setVisibility(next);
      setTimeout(() => textArea.current?.focus(), 0);
    },
  }));

  const changeBody = (text: string) => {
    setBody(text);
    onDraftingChange?.(text.trim().length > 0);
  };

  const send = (status?: StatusCategory) => {
    const text = body.trim();
    if (!text) {
      toast.warning(t('ws.composer.empty'));
      return;
    }
    const tokens = files.map((file) => file.token).filter((token): token is string => Boolean(token));
    attempt.current = keyForAttempt(attempt.current, `${text}\u0000${tokens.join()}`, !internal, () => crypto.randomUUID());
    addMessage.mutate(
      { body: text, public: !internal, idempotencyKey: attempt.current.key, attachmentTokens: tokens },
      {
        onSuccess: async () => {
          attempt.current = null;
          setBody('');
          setFiles([]);
          onDraftingChange?.(false);
          if (!status || status === ticket.status) {
            toast.success(internal ? t('ticket.reply.noteSaved') : t('ticket.reply.replySent'));
            return;
          }
          try {
            // The message moved the version on: change the status on the version it left.
            const fresh = await ticketsApi.get(ticket.id);
            const updated = await ticketsApi.update(ticket.id, fresh.version, { status });
            queryClient.setQueryData(ticketKeys.detail(ticket.id), updated);
            void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
            toast.success(t('ws.composer.sentStatus', { status: t(`status.${status}`) }));
          } catch (error) {
            toast.error(errors.describe(error));
          }
        },
      },
    );
  };

  const upload = async (file: File, uid: string) => {
    try {
      const uploaded = await workspaceApi.upload(file);
      setFiles((current) => current.map((item) => (item.uid === uid ? { ...item, status: 'done', token: uploaded.token } : item)));
    } catch (error) {
      setFiles((current) => current.filter((item) => item.uid !== uid));
      toast.error(t('ws.composer.uploadFailed', { name: file.name, reason: errors.describe(error) }));
    }
  };

  const sendLabel = internal ? t('ticket.reply.saveNote') : t('ticket.reply.sendReply');
  const statusChoices = canUpdate && ticket.status !== 'closed' ? SUBMIT_AS.filter((status) => status !== ticket.status) : [];

  return (
    <div data-testid="reply-box" className={`sb-composer${internal ? ' is-internal' : ''}`} style={{ border: '1px solid #d9dee7', borderRadius: 8, padding: 12, background: internal ? undefined : '#fff' }}>
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
            {t('ws.composer.noteWarning')}
          </Typography.Text>
        )}
      </Flex>
      <Input.TextArea
        ref={(instance) => {
          textArea.current = instance?.resizableTextArea?.textArea ?? null;
        }}
        value={body}
        onChange={(event) => changeBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) send();
          if (event.key === 'Escape') (event.target as HTMLTextAreaElement).blur();
        }}
        placeholder={internal ? t('ws.composer.notePlaceholder') : t('ws.composer.replyPlaceholder')}
        autoSize={{ minRows: 3, maxRows: 14 }}
        disabled={disabled}
        aria-label={internal ? t('ticket.internalNote') : t('ticket.publicReply')}
        variant="borderless"
        style={{ padding: '4px 0' }}
        data-testid="composer-text"
      />
      {addMessage.error && <Alert type="error" showIcon title={errors.describe(addMessage.error)} style={{ marginTop: 8 }} />}
      <Flex justify="space-between" align="flex-start" style={{ marginTop: 8 }} gap={8}>
        <Upload
          multiple
          fileList={files}
          disabled={disabled}
          beforeUpload={(file) => {
            setFiles((current) => [...current, { uid: file.uid, name: file.name, status: 'uploading' }]);
            void upload(file, file.uid);
            return false;
          }}
          onRemove={(file) => setFiles((current) => current.filter((item) => item.uid !== file.uid))}
        >
          <Button icon={<PaperClipOutlined />} type="text" disabled={disabled} aria-label={t('ws.composer.attach')}>
            {t('ws.composer.attach')}
          </Button>
        </Upload>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ws.composer.shortcutHint')}
          </Typography.Text>
          <Space.Compact>
            <Button type="primary" onClick={() => send()} loading={addMessage.isPending} disabled={disabled || uploading} data-testid="send-message">
              {sendLabel}
            </Button>
            {statusChoices.length > 0 && (
              <Dropdown
                disabled={disabled || uploading || addMessage.isPending}
                menu={{
                  items: statusChoices.map((status) => ({ key: status, label: t('ws.composer.sendAs', { status: t(`status.${status}`) }) })),
                  onClick: ({ key }) => send(key as StatusCategory),
                }}
              >
                <Button type="primary" icon={<DownOutlined />} aria-label={t('ws.composer.submitAs')} data-testid="submit-as" />
              </Dropdown>
            )}
          </Space.Compact>
        </Flex>
      </Flex>
    </div>
  );
}
