import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useT } from '../i18n';

interface CopyButtonProps {
  text: string;
  /** Names what is copied, for screen readers and tests ("Copy SCIM Endpoint"). */
  label: string;
  showText?: boolean;
  /** Small and borderless, for a value inside a sentence or a table cell. */
  compact?: boolean;
}

/** Puts exactly `text` on the clipboard and says so. A copy control always ends its line, so its tooltip opens to
 *  the right, over empty space, never over the value or the rows above and below; a button that says "Copy" on its
 *  face needs no tooltip at all. */
export function CopyButton({ text, label, showText = false, compact = false }: CopyButtonProps) {
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
  const button = (
    <Button icon={<CopyOutlined />} onClick={copy} aria-label={label} type={compact ? (showText ? 'link' : 'text') : 'default'} size={compact ? 'small' : 'middle'}>
      {showText ? t('common.copy') : null}
    </Button>
  );
  return showText ? button : <Tooltip title={label} placement="right">{button}</Tooltip>;
}
