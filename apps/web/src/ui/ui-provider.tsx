import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
// Ant Design's styles as one static, cached file (zero-runtime mode below): no component
// generates and injects its CSS when it first renders, and none regenerates it after a page
// that used it unmounts (antd drops a style's cache with its last user).
import 'antd/dist/antd.css';
import 'dayjs/locale/zh-cn';
import { useEffect, type ReactNode } from 'react';

export type UiLanguage = 'zh-CN' | 'en';

const antdLocales = { 'zh-CN': zhCN, en: enUS } as const;
const dayjsLocales = { 'zh-CN': 'zh-cn', en: 'en' } as const;

/** Ant Design's configuration for the whole app: language, theme, and the message/notification host. */
export function UiProvider({ language, children }: { language: UiLanguage; children: ReactNode }) {
  useEffect(() => {
    dayjs.locale(dayjsLocales[language]);
    document.documentElement.lang = language;
  }, [language]);

  return (
    <ConfigProvider
      locale={antdLocales[language]}
      // "登录", not "登 录": no space forced between two Chinese characters on buttons.
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: theme.defaultAlgorithm,
        zeroRuntime: true,
        token: {
          colorPrimary: '#1f5fbf',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
