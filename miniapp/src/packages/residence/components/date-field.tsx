// A labelled date (YYYY-MM-DD). In H5 a native <input type="date"> inside Taro's Input (the browser's own accessible
// date control); in the mini-program WeChat's date Picker around a box that shows the value. An optional date can be
// cleared again.

import { Input, Picker, Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'

const isH5 = process.env.TARO_ENV === 'h5'

export interface DateFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  start?: string
  end?: string
  /** What the box says while empty (the mini-program). */
  placeholder?: string
  hint?: string
  error?: string
  disabled?: boolean
  /** Offers 「清除」 once a date is chosen. */
  optional?: boolean
}

export default function DateField({ id, label, value, onChange, start, end, placeholder = '请选择日期', hint, error, disabled, optional }: DateFieldProps) {
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ')
  return (
    <View className='rs-field'>
      <View className='rs-split'>
        <Text className='rs-label' id={`${id}-label`}>
          {label}
        </Text>
        {optional && value !== '' && !disabled && (
          <ActionButton className='rs-link' label={`清除${label}`} onTap={() => onChange('')}>
            清除
          </ActionButton>
        )}
      </View>
      {isH5 ? (
        <Input
          id={id}
          className='rs-input'
          type='text'
          value={value}
          disabled={disabled}
          aria-label={label}
          nativeProps={{
            type: 'date',
            min: start,
            max: end,
            'aria-label': label,
            'aria-labelledby': `${id}-label`,
            'aria-describedby': describedBy || undefined,
            'aria-invalid': error ? 'true' : undefined,
          }}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Picker mode='date' value={value || end || ''} start={start} end={end} disabled={disabled} onChange={(e) => onChange(e.detail.value)}>
          <View id={id} className={`rs-input${value ? '' : ' rs-placeholder'}`} aria-role='button' aria-label={`${label}：${value || placeholder}`}>
            {value || placeholder}
          </View>
        </Picker>
      )}
      {error && (
        <Text className='rs-error' id={`${id}-error`}>
          {error}
        </Text>
      )}
      {hint && (
        <Text className='rs-hint' id={`${id}-hint`}>
          {hint}
        </Text>
      )}
    </View>
  )
}
