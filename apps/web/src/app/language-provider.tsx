import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, initialLanguage, LanguageContext, storeLanguage, type Language } from '../lib/i18n';

/**
 * Owns the UI language: i18next, and (through the context) Ant Design and date formats. Before
 * sign-in it comes from this browser's last choice or its languages; SessionLanguage below
 * switches it to the signed-in user's.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const [i18n] = useState(() => createI18n(language));

  const setLanguage = useCallback(
    (next: Language) => {
      storeLanguage(next);
      void i18n.changeLanguage(next);
      setLanguageState(next);
    },
    [i18n],
  );

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return (
    <I18nextProvider i18n={i18n}>
      <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>
    </I18nextProvider>
  );
}
