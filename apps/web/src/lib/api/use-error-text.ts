import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldErrors, type Translator } from './describe-error';

/** The reader's-language sentence for an error, and its field problems, from React components. */
export function useErrorText() {
  const { i18n } = useTranslation();
  const translator: Translator = {
    t: (key, options) => i18n.t(key as never, options as never) as unknown as string,
    exists: (key) => i18n.exists(key),
    language: i18n.language,
  };
  return {
    describe: useCallback((error: unknown) => describeError(error, translator), [i18n.language]),
    fields: useCallback((error: unknown) => fieldErrors(error, translator), [i18n.language]),
  };
}
