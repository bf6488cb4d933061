export { createI18n, initialLanguage, resources } from './i18n';
export { LANGUAGES, toLanguage, pickInitialLanguage, storeLanguage, type Language } from './language';
export { LanguageContext, useLanguage, type LanguageState } from './language-context';
