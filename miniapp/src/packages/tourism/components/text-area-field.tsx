// A labelled multi-line text with its character counter (UTF-16 units, as the API counts). The inner <textarea> of H5
// carries aria-labelledby and aria-label, as TextField's input does, and is described by the counter and the error.

import { Text, Textarea, View } from '@tarojs/components'

export interface TextAreaFieldProps {
  id: string
  label: string
  value: string
  onInput: (value: string) => void
  maxLength: number
  /** Shown in the counter: 「12/500 字（至少 5 字）」. */
  minLength?: number
  placeholder?: string
  error?: string
  disabled?: boolean
}

export default function TextAreaField({ id, label, value, onInput, maxLength, minLength, placeholder, error, disabled }: TextAreaFieldProps) {
  const length = value.trim().length
  const off = length > maxLength || (minLength !== undefined && length > 0 && length < minLength)
  const describedBy = [error ? `${id}-error` : '', `${id}-counter`].filter(Boolean).join(' ')
  return (
    <View className='tr-field'>
      <Text className='tr-label' id={`${id}-label`}>
        {label}
      </Text>
      <Textarea
        id={id}
        className='tr-textarea'
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass='tr-placeholder'
        disabled={disabled}
        aria-label={label}
        nativeProps={{
          'aria-label': label,
          'aria-labelledby': `${id}-label`,
          'aria-describedby': describedBy,
          'aria-invalid': error ? 'true' : undefined,
        }}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Text className={`tr-counter${off ? ' tr-counter--off' : ''}`} id={`${id}-counter`}>
        {`${length}/${maxLength} 字${minLength ? `（至少 ${minLength} 字）` : ''}`}
      </Text>
      {error && (
        <Text className='tr-error' id={`${id}-error`}>
          {error}
        </Text>
      )}
    </View>
  )
}
