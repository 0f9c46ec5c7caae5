import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useT } from '../i18n';

interface CopyButtonProps {
  text: string;
  /** Names what is copied, for screen readers and tests ("Copy SCIM Endpoint"). */
  label: string;
  showText?: boolean;
}

/** Puts exactly `text` on the clipboard and says so. */
export function CopyButton({ text, label, showText = false }: CopyButtonProps) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('common.copied'));
    } catch (error) {
      message.error(t('common.copyFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  return (
    <Tooltip title={label}>
      <Button icon={<CopyOutlined />} onClick={copy} aria-label={label}>
        {showText ? t('common.copy') : null}
      </Button>
    </Tooltip>
  );
}
