// One labelled input of the 社保 bind form. The visible label names the input: the inner <input> of H5 carries both
// aria-labelledby and aria-label (a Taro H5 page is a scroll container, and axe counts a label scrolled out of it as
// invisible), and aria-describedby points at the hint and the error.

import { Input, Text, View } from '@tarojs/components'

export interface TextFieldProps {
  /** The Input's id (in H5 Taro's <taro-input-core> wrapper; the real <input> is inside it). */
  id: string
  label: string
  value: string
  onInput: (value: string) => void
  type?: 'text' | 'idcard'
  maxlength?: number
  placeholder?: string
  hint?: string
  error?: string
  disabled?: boolean
  /** Attributes for the inner <input> of H5 (autoComplete, autoCapitalize). */
  web?: Record<string, string>
  onConfirm?: () => void
}

export default function TextField({ id, label, value, onInput, type = 'text', maxlength, placeholder, hint, error, disabled, web, onConfirm }: TextFieldProps) {
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ')
  return (
    <View className='fs-field'>
      <Text className='fs-label' id={`${id}-label`}>
        {label}
      </Text>
      <Input
        id={id}
        className='fs-input'
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='fs-placeholder'
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
        <Text className='fs-error' id={`${id}-error`}>
          {error}
        </Text>
      )}
      {hint && (
        <Text className='fs-hint' id={`${id}-hint`}>
          {hint}
        </Text>
      )}
    </View>
  )
}
