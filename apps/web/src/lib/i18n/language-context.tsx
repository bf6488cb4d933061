import { createContext, useContext } from 'react';
import type { Language } from './language';

export interface LanguageState {
  language: Language;
  /** Switches the whole UI (texts, Ant Design, dates) and remembers the choice in this browser. */
  setLanguage: (language: Language) => void;
}

export const LanguageContext = createContext<LanguageState>({ language: 'en', setLanguage: () => undefined });

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}
