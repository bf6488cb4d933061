import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Button, useToast } from '../../../ui';
import { Upload } from '../../../ui/admin-kit';
import type { useAttachments } from '../hooks/use-portal';

/** Choose files; each is uploaded at once and listed with its state. */
export function AttachmentPicker({ attachments }: { attachments: ReturnType<typeof useAttachments> }) {
  const { t } = useTranslation();
  const toast = useToast();
  return (
    <Upload
      multiple
      fileList={attachments.files.map((f) => ({ uid: f.uid, name: f.name, status: f.status }))}
      beforeUpload={(file) => {
        attachments.add(file, file.uid, (name) => toast.error(t('portal.create.uploadFailed', { name })));
        return false;
      }}
      onRemove={(file) => attachments.remove(file.uid)}
    >
      <Button icon={<PaperClipOutlined />}>{t('portal.create.attach')}</Button>
    </Upload>
  );
}
