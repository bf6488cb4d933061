import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Result } from '../../ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.body')}
      extra={
        <Button type="primary" onClick={() => navigate('/tickets')}>
          {t('notFound.home')}
        </Button>
      }
    />
  );
}
