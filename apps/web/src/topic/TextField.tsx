import { useId } from 'react';
import { AutoComplete, Form, Input } from 'antd';
import { useDraftText } from './useDraftText';

type Props = {
  label: string;
  value: string;
  onCommit: (text: string) => void;
  validate?: (text: string) => string | null;
  forceValidation?: boolean;
  placeholder?: string;
  maxLength?: number;
  disabled?: boolean;
  autoFocus?: boolean;
  required?: boolean;
  /** Offered values (e.g. the committees); free text stays allowed. */
  suggestions?: readonly string[];
  testId?: string;
  /** Called after Enter wrote the text (e.g. to save a new topic). */
  onEnter?: () => void;
};

/** A labelled single-line text field over a shared value, written with a pause, on blur and on Enter. */
export function TextField({ label, suggestions, testId, onEnter, required, ...options }: Props) {
  const id = useId();
  const draft = useDraftText(options);
  const inputProps = {
    id,
    placeholder: options.placeholder,
    maxLength: options.maxLength,
    disabled: options.disabled,
    autoFocus: options.autoFocus,
    'data-testid': testId,
    'aria-required': required,
    onBlur: draft.onBlur,
  };
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      required={required}
      validateStatus={draft.error ? 'error' : undefined}
      help={draft.error ?? undefined}
    >
      {suggestions ? (
        <AutoComplete
          {...inputProps}
          value={draft.value}
          options={suggestions.map((value) => ({ value }))}
          filterOption={(input, option) => !input || (option?.value ?? '').includes(input)}
          onChange={(value: string) => draft.onChange(value)}
          onSelect={(value: string) => draft.commitNow(value)}
          allowClear
        />
      ) : (
        <Input
          {...inputProps}
          value={draft.value}
          onChange={(event) => draft.onChange(event.target.value)}
          onPressEnter={() => {
            draft.onPressEnter();
            onEnter?.();
          }}
        />
      )}
    </Form.Item>
  );
}
