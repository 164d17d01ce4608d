// 缴费年度: this year and the four before, as toggle buttons (one tap, no picker to open); the chosen one is announced
// as pressed.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'

export interface YearPickerProps {
  years: number[]
  value: number
  disabled?: boolean
  onChange: (year: number) => void
}

export default function YearPicker({ years, value, disabled, onChange }: YearPickerProps) {
  return (
    <View className='fs-field fs-years' role='group' aria-labelledby='fee-year-label'>
      <Text className='fs-label' id='fee-year-label'>
        缴费年度
      </Text>
      <View className='fs-choices'>
        {years.map((year) => (
          <ActionButton
            key={year}
            id={`fee-year-${year}`}
            className={`fs-choice${year === value ? ' fs-choice--on' : ''}`}
            label={`${year} 年`}
            pressed={year === value}
            disabled={disabled && year !== value}
            onTap={() => {
              if (year !== value) onChange(year)
            }}
          >
            {String(year)}
          </ActionButton>
        ))}
      </View>
    </View>
  )
}
