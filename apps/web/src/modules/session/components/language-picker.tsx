import { useTranslation } from 'react-i18next';
import { LANGUAGES, useLanguage, type Language } from '../../../lib/i18n';
import { LanguageSwitch } from '../../../ui';
import { sessionApi } from '../api/session-api';

/**
 * The language switch of the sign-in page and the app header. Signed out, the choice is kept in
 * this browser; signed in, it is also saved on the user, so it follows them to other browsers.
 */
export function LanguagePicker({ signedIn = false }: { signedIn?: boolean }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const change = (next: Language) => {
    setLanguage(next);
    // Best effort: the screen has already switched; a failed save only means the next
    // browser opens in the old language.
    if (signedIn) sessionApi.saveMyLanguage(next).catch(() => undefined);
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
