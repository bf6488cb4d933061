import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { workspaceEn } from './locales/workspace.en';
import { workspaceZhCN } from './locales/workspace.zh-CN';
import { adminEn, adminErrorsEn } from './locales/admin.en';
import { adminErrorsZhCN, adminZhCN } from './locales/admin.zh-CN';
import { portalEn } from './locales/portal.en';
import { portalZhCN } from './locales/portal.zh-CN';
import { emailAdminEn, emailErrorsEn, emailWorkspaceEn } from './locales/email.en';
import { emailAdminZhCN, emailErrorsZhCN, emailWorkspaceZhCN } from './locales/email.zh-CN';
import { browserLanguages, pickInitialLanguage, readStoredLanguage, type Language } from './language';

export const resources = {
  en: {
    translation: {
      ...en,
      ws: { ...workspaceEn, email: emailWorkspaceEn },
      admin: { ...adminEn, email: emailAdminEn },
      portal: portalEn,
      errors: { ...emailErrorsEn, ...adminErrorsEn, ...en.errors },
    },
  },
  'zh-CN': {
    translation: {
      ...zhCN,
      ws: { ...workspaceZhCN, email: emailWorkspaceZhCN },
      admin: { ...adminZhCN, email: emailAdminZhCN },
      portal: portalZhCN,
      errors: { ...emailErrorsZhCN, ...adminErrorsZhCN, ...zhCN.errors },
    },
  },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en & {
        ws: typeof workspaceEn & { email: typeof emailWorkspaceEn };
        admin: typeof adminEn & { email: typeof emailAdminEn };
        portal: typeof portalEn;
      };
    };
  }
}

/** Creates the i18next instance for the app (or a test) in the given language. */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

export function initialLanguage(): Language {
  return pickInitialLanguage(readStoredLanguage(), browserLanguages());
}
