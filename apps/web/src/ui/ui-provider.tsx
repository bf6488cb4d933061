import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
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
