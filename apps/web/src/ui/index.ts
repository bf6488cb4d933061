// The only door to Ant Design: pages and modules import their building blocks from here, so the
// look, the locale and any later replacement stay in one place. ui/ imports no module.
export {
  Alert,
  Avatar,
  Badge,
  Button,
  Card,
  Descriptions,
  Divider,
  Dropdown,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
export type { DescriptionsProps, FormInstance, TableColumnsType } from 'antd';
export { UiProvider, type UiLanguage } from './ui-provider';
export { useToast } from './feedback';
export { LanguageSwitch, type LanguageOption } from './language-switch';
export { Brand } from './brand';
export { AuthLayout } from './auth-layout';
export { AppShell, type NavItem } from './app-shell';
export { PageLoader } from './page-loader';
export { ErrorAlert } from './error-alert';
export { applyFieldErrors } from './form-errors';
export { ConnectionDot, type ConnectionState } from './connection-dot';
export { PlainTag, type PlainTagColour } from './plain-tag';
export { PlainTabs, type PlainTab } from './plain-tabs';
