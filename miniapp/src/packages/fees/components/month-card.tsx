// One month of the year overview: the month, due and paid in yuan, its status written out, and one line per insurance
// type with its own amounts and status.

import { Text, View } from '@tarojs/components'
import { formatYuan, type MonthView } from '../../../services/fee-view'
import { StatusBadge } from './status-badge'

export default function MonthCard({ month }: { month: MonthView }) {
  // Only the card's own id starts with fee-month-: ids inside it are named by what they are, then the period.
  const id = `fee-month-${month.period}`
  const p = month.period
  return (
    <View className='fs-card fs-month' id={id} role='listitem' aria-labelledby={`fee-heading-${p}`}>
      <View className='fs-split'>
        <View className='fs-month__title' role='heading' aria-level='3' id={`fee-heading-${p}`}>
          {month.label}
        </View>
        <StatusBadge status={month.status} name={month.statusName} id={`fee-status-${p}`} className='fs-month__status' />
      </View>
      <View className='fs-month__sums'>
        <View className='fs-sum'>
          <Text className='fs-sum__label'>应缴</Text>
          <Text className='fs-sum__value' id={`fee-due-${p}`}>
            {formatYuan(month.dueFen)}
          </Text>
        </View>
        <View className='fs-sum'>
          <Text className='fs-sum__label'>已缴</Text>
          <Text className='fs-sum__value' id={`fee-paid-${p}`}>
            {formatYuan(month.paidFen)}
          </Text>
        </View>
      </View>
      <View className='fs-lines' role='list' aria-label={`${month.label}分险种明细`}>
        {month.lines.map((line) => (
          <View key={line.type} className='fs-line' role='listitem' id={`fee-line-${p}-${line.type}`}>
            <View className='fs-line__head'>
              <Text className='fs-line__type'>{line.typeName}</Text>
              <StatusBadge status={line.status} name={line.statusName} className='fs-status--small' />
            </View>
            <Text className='fs-line__amounts'>{`应缴 ${formatYuan(line.dueFen)} · 已缴 ${formatYuan(line.paidFen)}`}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
