// A labelled row of chips, one of which is chosen: each chip is a toggle button announced as pressed or not, and the
// chosen one also shows a ✓ and bold text (never colour alone). Ids: the group `id`, each chip `${id}-${value}`.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'

export interface ChipOption<T extends string> {
  value: T
  name: string
  /** Accessible name when the chip's text alone is not enough. */
  label?: string
}

export interface ChoiceChipsProps<T extends string> {
  id: string
  label: string
  options: readonly ChipOption<T>[]
  value: T | null
  onChange: (value: T) => void
  hint?: string
  error?: string
  disabled?: boolean
}

export default function ChoiceChips<T extends string>({ id, label, options, value, onChange, hint, error, disabled }: ChoiceChipsProps<T>) {
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ')
  return (
    <View className='tr-field' id={id} role='group' aria-labelledby={`${id}-label`} aria-describedby={describedBy || undefined}>
      <Text className='tr-label' id={`${id}-label`}>
        {label}
      </Text>
      {hint && (
        <Text className='tr-hint' id={`${id}-hint`} style={{ marginBottom: '12px' }}>
          {hint}
        </Text>
      )}
      <View className='tr-chips'>
        {options.map((option) => {
          const on = option.value === value
          return (
            <ActionButton
              key={option.value}
              id={`${id}-${option.value}`}
              className={`tr-chip${on ? ' tr-chip--on' : ''}`}
              label={option.label}
              pressed={on}
              disabled={disabled && !on}
              onTap={() => onChange(option.value)}
            >
              {/* Always there, only its text changes: Taro H5 misplaces a child inserted into a button later. */}
              <Text aria-hidden='true'>{on ? '✓ ' : ''}</Text>
              <Text>{option.name}</Text>
            </ActionButton>
          )
        })}
      </View>
      {error && (
        <Text className='tr-error' id={`${id}-error`}>
          {error}
        </Text>
      )}
    </View>
  )
}
