// The house being declared: its address, building / floor / room, community and grid, and 「更换房屋」.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import type { ResidenceHouse } from '../../../services/declarations'

function Row({ label, value, id }: { label: string; value: string | null; id?: string }) {
  if (!value) return null
  return (
    <View className='rs-row'>
      <Text className='rs-row__label'>{label}</Text>
      <Text className='rs-row__value' id={id}>
        {value}
      </Text>
    </View>
  )
}

export interface HouseCardProps {
  house: ResidenceHouse
  /** Absent once the choice is final (while submitting, after the declaration). */
  onChange?: () => void
}

export default function HouseCard({ house, onChange }: HouseCardProps) {
  // Buildings are named as the registry writes them (河东花园3栋, A座): shown as they are, not suffixed.
  const unit = [house.building, house.floor && `${house.floor} 层`, house.room && `${house.room} 室`].filter(Boolean).join(' ')
  return (
    <View className='rs-card' role='region' aria-labelledby='house-heading' id='house-card'>
      <View className='rs-split'>
        <View className='rs-heading' role='heading' aria-level='2' id='house-heading'>
          申报房屋
        </View>
        {onChange && (
          <ActionButton id='change-house' className='rs-link' onTap={onChange}>
            更换房屋
          </ActionButton>
        )}
      </View>
      <Text className='rs-address' id='house-address'>
        {house.address || house.code}
      </Text>
      <Row label='房屋编码' value={house.code} id='house-code' />
      <Row label='楼栋房号' value={unit || null} />
      <Row label='所在社区' value={house.communityName} />
      <Row label='所在网格' value={house.gridName} />
    </View>
  )
}
