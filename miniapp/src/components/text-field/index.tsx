// One labelled input of a service subpackage's forms (居住 rs-, 社保 fs-, 游客 tr-: `prefix` picks the subpackage's styles,
// styles/_subpackage.scss). The visible label names the input: the inner <input> of H5 carries both
// aria-labelledby and aria-label (a Taro H5 page is a scroll container, and axe counts a label scrolled out of it as
// invisible), and aria-describedby points at the hint and the error.

import { Input, Text, View } from '@tarojs/components'

export interface TextFieldProps {
  /** The subpackage's class prefix. */
  prefix: 'rs' | 'fs' | 'tr' | 'pv'
  /** The Input's id; the label, hint and error get `${id}-label`, `${id}-hint`, `${id}-error`. */
  id: string
  label: string
  value: string
  onInput: (value: string) => void
  type?: 'text' | 'number' | 'idcard'
  maxlength?: number
  placeholder?: string
  hint?: string
  error?: string
  disabled?: boolean
  /** Attributes for the inner <input> of H5 (inputMode, autoComplete, a different type). */
  web?: Record<string, string>
  onConfirm?: () => void
}

export default function TextField({ prefix, id, label, value, onInput, type = 'text', maxlength, placeholder, hint, error, disabled, web, onConfirm }: TextFieldProps) {
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ')
  return (
    <View className={`${prefix}-field`}>
      <Text className={`${prefix}-label`} id={`${id}-label`}>
        {label}
      </Text>
      <Input
        id={id}
        className={`${prefix}-input`}
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass={`${prefix}-placeholder`}
        disabled={disabled}
        aria-label={label}
        nativeProps={{
          'aria-label': label,
          'aria-labelledby': `${id}-label`,
          'aria-describedby': describedBy || undefined,
          'aria-invalid': error ? 'true' : undefined,
          ...web,
        }}
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={onConfirm}
      />
      {error && (
        <Text className={`${prefix}-error`} id={`${id}-error`}>
          {error}
        </Text>
      )}
      {hint && (
        <Text className={`${prefix}-hint`} id={`${id}-hint`}>
          {hint}
        </Text>
      )}
    </View>
  )
}
