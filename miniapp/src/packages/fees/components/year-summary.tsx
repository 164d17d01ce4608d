// The year at a glance: 应缴, 已缴, 欠费, 可退费, and 怎么办 when there are arrears or a refund.

import { Text, View } from '@tarojs/components'
import { adviceFor, formatYuan, type FeeTotals } from '../../../services/fee-view'

function Total({ id, label, fen, tone }: { id: string; label: string; fen: number; tone?: 'danger' | 'refund' }) {
  return (
    <View className='fs-total'>
      <Text className='fs-total__label' id={`${id}-label`}>
        {label}
      </Text>
      <Text className={`fs-total__value${tone && fen > 0 ? ` fs-total__value--${tone}` : ''}`} id={id} aria-labelledby={`${id}-label ${id}`}>
        {formatYuan(fen)}
      </Text>
    </View>
  )
}

export default function YearSummary({ year, totals, today }: { year: number; totals: FeeTotals; today: string }) {
  const advice = adviceFor(totals, today)
  return (
    <View className='fs-card' role='region' aria-labelledby='fees-totals-heading' id='fees-totals'>
      <View className='fs-heading' role='heading' aria-level='2' id='fees-totals-heading'>
        {`${year} 年合计`}
      </View>
      <View className='fs-totals'>
        <Total id='fees-total-due' label='应缴' fen={totals.dueFen} />
        <Total id='fees-total-paid' label='已缴' fen={totals.paidFen} />
        <Total id='fees-total-arrears' label='欠费' fen={totals.arrearsFen} tone='danger' />
        <Total id='fees-total-refund' label='可退费' fen={totals.refundFen} tone='refund' />
      </View>
      {advice.map((a) => (
        <View key={a.kind} className={`fs-advice fs-advice--${a.kind}`} id={`fees-advice-${a.kind}`}>
          <View className='fs-advice__title' role='heading' aria-level='3'>
            {a.title}
          </View>
          <Text className='fs-advice__text'>{a.text}</Text>
        </View>
      ))}
    </View>
  )
}
