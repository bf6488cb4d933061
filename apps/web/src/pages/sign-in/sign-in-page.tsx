import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { safeNext } from '../../lib/navigation/safe-next';
import { LanguagePicker, SignInForm } from '../../modules/session';
import { AuthLayout } from '../../ui';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const state = useLocation().state as { signedOut?: boolean } | null;
  const notice = state?.signedOut ? t('signIn.signedOut') : undefined;
  return (
    <AuthLayout title={t('signIn.title')} subtitle={t('signIn.subtitle')} corner={<LanguagePicker />}>
      <SignInForm notice={notice} onSignedIn={() => navigate(safeNext(params.get('next')), { replace: true })} />
    </AuthLayout>
  );
}
