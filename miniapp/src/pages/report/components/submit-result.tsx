// 上报成功: the new event's code, status, grid, unit and deadlines, and 「查看详情」.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { formatDateTime, type CreatedReport } from '../../../services/events'
import StatusBadge from './status-badge'

export interface SubmitResultProps {
  /** null when the API's answer could not be read: only the success is shown. */
  report: CreatedReport | null
  onOpen: (code: string) => void
}

export default function SubmitResult({ report, onOpen }: SubmitResultProps) {
  if (!report) {
    return (
      <View className='rp-card'>
        <View className='rp-heading' role='heading' aria-level='1'>
          上报成功
        </View>
        <Text className='rp-hint'>可在「我的上报」中查看办理进度。</Text>
      </View>
    )
  }
  return (
    <View className='rp-card'>
      <View className='rp-heading' role='heading' aria-level='1'>
        上报成功
      </View>
      <View className='rp-row'>
        <Text className='rp-row__label'>事件编号</Text>
        <Text className='rp-row__value rp-code' id='event-code'>
          {report.code}
        </Text>
      </View>
      <View className='rp-row'>
        <Text className='rp-row__label'>当前状态</Text>
        <View className='rp-row__value'>
          <StatusBadge status={report.status} name={report.statusName} id='event-status' />
        </View>
      </View>
      {report.grid && (
        <View className='rp-row'>
          <Text className='rp-row__label'>所在网格</Text>
          <Text className='rp-row__value'>{[report.grid.streetName, report.grid.communityName, report.grid.name].filter(Boolean).join(' · ')}</Text>
        </View>
      )}
      {report.unit ? (
        <View className='rp-row'>
          <Text className='rp-row__label'>处置单位</Text>
          <Text className='rp-row__value'>{report.unit.name}</Text>
        </View>
      ) : (
        <Text className='rp-hint' style={{ marginTop: '16px' }}>
          该问题正在等待分拨员派遣，派遣后会通知您。
        </Text>
      )}
      {report.deadlines?.responseDueAt && (
        <View className='rp-row'>
          <Text className='rp-row__label'>响应时限</Text>
          <Text className='rp-row__value'>{formatDateTime(report.deadlines.responseDueAt)}</Text>
        </View>
      )}
      {report.deadlines?.resolutionDueAt && (
        <View className='rp-row'>
          <Text className='rp-row__label'>办结时限</Text>
          <Text className='rp-row__value'>{formatDateTime(report.deadlines.resolutionDueAt)}</Text>
        </View>
      )}
      <View className='rp-actions'>
        <ActionButton className='btn btn--primary' onTap={() => onOpen(report.code)}>
          查看详情
        </ActionButton>
      </View>
    </View>
  )
}
