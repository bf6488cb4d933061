import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, type ReactNode } from 'react';
import { browserTimeZone, FormatProvider } from '../lib/format';
import { toLanguage, useLanguage } from '../lib/i18n';
import { useSession } from '../modules/session';
import { UiProvider } from '../ui';
import { LanguageProvider } from './language-provider';

/** Everything the pages stand on: data, language, Ant Design, date formats. */
export function Providers({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageProvider>
        <Localised>{children}</Localised>
      </LanguageProvider>
    </QueryClientProvider>
  );
}

function Localised({ children }: { children: ReactNode }) {
  const { language, setLanguage } = useLanguage();
  const session = useSession().data;
  const userLocale = toLanguage(session?.user.locale);

  // Signed in: the user's saved language wins over this browser's.
  useEffect(() => {
    if (userLocale) setLanguage(userLocale);
  }, [session?.user.id, userLocale, setLanguage]);

  const timeZone = session?.user.time_zone ?? session?.tenant.time_zone ?? browserTimeZone();
  const prefs = useMemo(() => ({ locale: language, timeZone }), [language, timeZone]);

  return (
    <UiProvider language={language}>
      <FormatProvider value={prefs}>{children}</FormatProvider>
    </UiProvider>
  );
}
