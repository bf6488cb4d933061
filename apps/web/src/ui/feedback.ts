import { App } from 'antd';

/** Short confirmations and warnings that float above the page. */
export function useToast() {
  const { message } = App.useApp();
  return {
    success: (text: string) => void message.success(text),
    error: (text: string) => void message.error(text),
    warning: (text: string) => void message.warning(text, 6),
    info: (text: string) => void message.info(text),
  };
}
