import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';

export interface LanguageOption<T extends string> {
  value: T;
  label: string;
}

/** A compact language picker; every label is given in its own language ("中文", "English"). */
export function LanguageSwitch<T extends string>(props: {
  value: T;
  options: LanguageOption<T>[];
  onChange: (value: T) => void;
  ariaLabel: string;
}) {
  return (
    <Select<T>
      value={props.value}
      onChange={props.onChange}
      options={props.options}
      aria-label={props.ariaLabel}
      prefix={<GlobalOutlined aria-hidden />}
      variant="borderless"
      popupMatchSelectWidth={false}
      data-testid="language-switch"
      style={{ minWidth: 120 }}
    />
  );
}
