import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { Alert, Flex, Typography } from '../../../ui';

/** The title row of an admin section: title, a hint, and the section's main action. */
export function SectionHeader(props: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 16 }} wrap>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        {props.hint && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {props.hint}
          </Typography.Text>
        )}
      </div>
      {props.action}
    </Flex>
  );
}

/** The readable sentence of a failed save or load (the API's code, translated), inline. */
export function ApiErrorNote({ error }: { error: unknown }) {
  const errors = useErrorText();
  if (!error) return null;
  return <Alert type="error" showIcon title={errors.describe(error)} role="alert" data-testid="admin-error" style={{ marginBottom: 16 }} />;
}

/** Shown to roles that may look but not change (a supervisor on the forms page...). */
export function ReadOnlyNote({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  if (!readOnly) return null;
  return <Alert type="info" showIcon title={t('admin.common.readOnly')} style={{ marginBottom: 16 }} />;
}
