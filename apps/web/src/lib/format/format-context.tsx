import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatDateTime, formatRelative, type DisplayPreferences } from './dates';

const FormatContext = createContext<DisplayPreferences>({ locale: 'en' });

/** Puts the viewer's language and time zone where every date on the page can read them. */
export function FormatProvider({ value, children }: { value: DisplayPreferences; children: ReactNode }) {
  return <FormatContext.Provider value={value}>{children}</FormatContext.Provider>;
}

export function useFormat() {
  const prefs = useContext(FormatContext);
  return useMemo(
    () => ({
      prefs,
      dateTime: (value: string | Date | null | undefined) => formatDateTime(value, prefs),
      relative: (value: string | Date | null | undefined) => formatRelative(value, prefs),
    }),
    [prefs],
  );
}
