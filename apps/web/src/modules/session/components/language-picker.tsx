import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, useLanguage, type Language } from '../../../lib/i18n';
import { LanguageSwitch } from '../../../ui';
import { sessionApi, type Session } from '../api/session-api';
import { sessionKeys } from '../hooks/session-keys';
import { useSession } from '../hooks/use-session';

/**
 * The language switch of the sign-in page and the app header. Signed out, the choice is kept in
 * this browser; signed in, it is also saved on the user, so it follows them to other browsers.
 */
export function LanguagePicker() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const queryClient = useQueryClient();
  const session = useSession().data;

  const change = (next: Language) => {
    setLanguage(next);
    if (!session) return;
    // Best effort: the screen has already switched; a failed save only means the next
    // browser opens in the old language.
    sessionApi.saveMyLanguage(session.user.id, next).then(
      () =>
        queryClient.setQueryData<Session | null>(sessionKeys.me(), (current) =>
          current ? { ...current, user: { ...current.user, locale: next } } : current,
        ),
      () => undefined,
    );
  };

  return (
    <LanguageSwitch<Language>
      value={language}
      onChange={change}
      ariaLabel={t('common.language')}
      options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))}
    />
  );
}
