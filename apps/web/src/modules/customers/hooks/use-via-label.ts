import { useTranslation } from 'react-i18next';

const KNOWN = new Set(['web', 'api', 'email', 'chat', 'portal', 'wechat', 'wecom', 'phone', 'sms', 'system']);

/** The channel a ticket came through, in the reader's language (unknown channels as they are). */
export function useViaLabel() {
  const { t } = useTranslation();
  return (via: string) => (KNOWN.has(via) ? t(`ws.customers.via.${via}` as never) : via);
}
