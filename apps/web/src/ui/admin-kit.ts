// More of Ant Design for the admin console and the portal, behind the same door as ui/index.ts
// (kept apart so that parallel work on the agent workspace does not edit the same export list).
export {
  Checkbox,
  Drawer,
  Grid,
  Image,
  InputNumber,
  Layout,
  List,
  Menu,
  Modal,
  Popconfirm,
  Radio,
  Switch,
  Tabs,
  Tree,
  Upload,
} from 'antd';
export type { MenuProps, TreeDataNode, UploadFile } from 'antd';
export { SortableList } from './sortable-list';
