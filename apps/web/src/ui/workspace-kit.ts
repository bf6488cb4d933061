// More of Ant Design for the agent workspace, behind the same door as ui/index.ts (kept apart
// so that parallel work on the admin screens does not edit the same export list).
export {
  AutoComplete,
  Cascader,
  Checkbox,
  DatePicker,
  Drawer,
  Image,
  InputNumber,
  List,
  Modal,
  Popover,
  Radio,
  Spin,
  Switch,
  Tabs,
  Timeline,
  Upload,
} from 'antd';
export type { CascaderProps, UploadFile, UploadProps } from 'antd';
