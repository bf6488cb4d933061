import { useTranslation } from 'react-i18next';
import { ApiError, useErrorText } from '../../../lib/api';

/** The sentence for an error of the customer page: its own wording for its codes, the app's for the rest. */
export function useCustomerErrorText() {
  const { t, i18n } = useTranslation();
  const errors = useErrorText();
  return (error: unknown): string => {
    const key = error instanceof ApiError ? `ws.customers.errors.${error.code}` : '';
    return key && i18n.exists(key) ? t(key as never) : errors.describe(error);
  };
}
