import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LanguagePicker, SetupForm } from '../../modules/session';
import { AuthLayout } from '../../ui';

/** First run: shown until the first company and its owner exist. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} corner={<LanguagePicker />} width={520}>
      <SetupForm onDone={() => navigate('/tickets', { replace: true })} />
    </AuthLayout>
  );
}
