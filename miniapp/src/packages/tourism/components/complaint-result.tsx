// 投诉已受理: the new event's code, who handles it (with their phone) and its deadlines.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { formatDateTime } from '../../../services/events'
import { callPhone } from '../../../services/tourism'
import type { CreatedComplaint } from '../../../services/tourism-view'

function Row({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='tr-row'>
      <Text className='tr-row__label'>{label}</Text>
      <Text className='tr-row__value' id={id}>
        {value}
      </Text>
    </View>
  )
}

export interface ComplaintResultProps {
  /** null when the API's answer could not be read: only the success is shown. */
  complaint: CreatedComplaint | null
  onOpen: (code: string) => void
}

export default function ComplaintResult({ complaint, onOpen }: ComplaintResultProps) {
  if (!complaint) {
    return (
      <View className='tr-card' id='complaint-result'>
        <View className='tr-heading' role='heading' aria-level='2'>
          投诉已提交
        </View>
        <Text className='tr-hint'>可在「我的上报」中查看办理进度。</Text>
      </View>
    )
  }
  const unitPhone = complaint.unit?.phone ?? null
  return (
    <View className='tr-card' id='complaint-result'>
      <View className='tr-heading' role='heading' aria-level='2'>
        投诉已受理
      </View>
      <Row label='事件编号' value={complaint.code} id='complaint-code' />
      {complaint.statusName && <Row label='当前状态' value={complaint.statusName} id='complaint-status' />}
      {complaint.categoryName && <Row label='投诉类型' value={complaint.categoryName} />}
      <Row label='投诉对象' value={complaint.place?.name ?? '不针对具体商家'} />
      {complaint.island && <Row label='所在海岛' value={complaint.island.name} />}
      {complaint.unit && <Row label='受理单位' value={complaint.unit.name} id='complaint-unit' />}
      {unitPhone && <Row label='单位电话' value={unitPhone} />}
      {complaint.responseDueAt && <Row label='响应时限' value={formatDateTime(complaint.responseDueAt)} />}
      {complaint.resolutionDueAt && <Row label='办结时限' value={formatDateTime(complaint.resolutionDueAt)} />}
      <View className='tr-actions'>
        <ActionButton className='btn btn--primary' onTap={() => onOpen(complaint.code)}>
          查看办理进度
        </ActionButton>
        {unitPhone && (
          <ActionButton className='btn btn--secondary' label={`联系受理单位 ${unitPhone}`} onTap={() => callPhone(unitPhone)}>
            联系受理单位
          </ActionButton>
        )}
      </View>
    </View>
  )
}
