import { CheckCircleOutlined, CloseCircleOutlined, FileTextOutlined, LoadingOutlined, MailOutlined, StopOutlined } from '@ant-design/icons';
import type { MessageEmail } from '@switchboard/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Button, Flex, Tag, Typography } from '../../../ui';
import { addressParts, deliveryView, hasQuote } from '../utils/message-email';
import { SafeHtml } from './safe-html';

/** "From · To · Cc" of an email message, compact, with the link to the original .eml. */
export function EmailHeaderLine({ email }: { email: MessageEmail }) {
  const { t } = useTranslation();
  const parts = addressParts(email);
  if (parts.length === 0 && !email.raw_url) return null;
  return (
    <Flex gap={12} wrap align="baseline" className="sb-email-header" aria-label={t('ws.email.message.details')} role="group" data-testid="email-header" style={{ marginBottom: 8 }}>
      <MailOutlined aria-hidden style={{ color: '#8a919c' }} />
      {parts.map((part) => (
        <Typography.Text key={part.label} type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
          {t(`ws.email.message.${part.label}`)}: <span style={{ color: '#3d434d' }}>{part.value}</span>
        </Typography.Text>
      ))}
      {email.raw_url && (
        <a href={email.raw_url} download style={{ fontSize: 12 }} data-testid="email-original">
          <FileTextOutlined aria-hidden /> {t('ws.email.message.viewOriginal')}
        </a>
      )}
    </Flex>
  );
}

/** The folded quoted history: collapsed, opened on request, through the same safe renderer as the body. */
export function QuotedText({ email }: { email: MessageEmail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  if (!hasQuote(email)) return null;
  return (
    <div style={{ marginTop: 8 }}>
      <Button size="small" type="text" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)} data-testid="quoted-toggle">
        {open ? t('ws.email.message.hideQuoted') : t('ws.email.message.showQuoted')}
      </Button>
      {open && (
        <div id={regionId} className="sb-message-body" data-testid="quoted-text" style={{ marginTop: 6, paddingLeft: 12, borderLeft: '3px solid #d9dde3', color: '#5c6370' }}>
          {email.quoted_html ? (
            <SafeHtml html={email.quoted_html} fallback={email.quoted_text ?? ''} />
          ) : (
            <div style={{ whiteSpace: 'pre-wrap' }}>{email.quoted_text}</div>
          )}
        </div>
      )}
    </div>
  );
}

/** Where an emailed reply is: sending, sent, or (red, with the server's words) failed. */
export function DeliveryTag({ delivery }: { delivery: MessageEmail['delivery'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const view = deliveryView(delivery);
  if (!view) return null;
  const text = t(`ws.email.message.delivery.${view.key}`, {
    error: view.error ?? t('ws.email.message.delivery.unknownError'),
    attempts: view.attempts ?? 1,
    when: format.dateTime(view.sentAt),
  });
  const look = {
    pending: { color: 'processing', icon: <LoadingOutlined /> },
    sent: { color: 'success', icon: <CheckCircleOutlined /> },
    failed: { color: 'error', icon: <CloseCircleOutlined /> },
    suppressed: { color: 'default', icon: <StopOutlined /> },
  }[view.tone];
  return (
    <span role="status" style={{ display: 'inline-flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
      <Tag color={look.color} icon={look.icon} bordered={false} data-testid="delivery-state" data-delivery={view.tone} style={{ whiteSpace: 'normal', maxWidth: '100%', marginInlineEnd: 0 }}>
        {text}
      </Tag>
      {view.tone === 'suppressed' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {view.error ?? t('ws.email.message.delivery.suppressedHint')}
        </Typography.Text>
      )}
    </span>
  );
}
