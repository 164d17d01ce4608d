// One nearby place: name, kind, distance, opening hours with 营业中/已打烊 written out, how often it was complained about,
// and 「拨打电话」 and 「投诉」 (which opens the complaint page with the place preset).

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { formatDistance } from '../../../services/events'
import { callPhone } from '../../../services/tourism'
import { openingHoursText, openNowText, type Place } from '../../../services/tourism-view'

export interface PlaceCardProps {
  place: Place
  onComplain: (place: Place) => void
}

export default function PlaceCard({ place, onComplain }: PlaceCardProps) {
  const open = openNowText(place.openNow)
  const nameId = `place-${place.code}-name`
  const phone = place.phone
  return (
    <View className='tr-place' role='listitem' aria-labelledby={nameId} id={`place-${place.code}`}>
      <View className='tr-place__head'>
        <View className='tr-place__name' role='heading' aria-level='3' id={nameId}>
          {place.name}
        </View>
        {place.distanceM !== null && <Text className='tr-place__distance'>{formatDistance(place.distanceM)}</Text>}
      </View>
      <Text className='tr-place__line'>{[place.kindName, place.address].filter(Boolean).join(' · ')}</Text>
      <Text className='tr-place__line'>
        {`营业时间：${openingHoursText(place.openingHours)}`}
        {open && <Text className={`tr-open ${place.openNow ? 'tr-open--yes' : 'tr-open--no'}`}>{open}</Text>}
      </Text>
      <Text className='tr-place__line'>
        {place.complaintCount > 0 ? (
          <>
            游客投诉
            <Text className='tr-count'>{`${place.complaintCount} 次`}</Text>
          </>
        ) : (
          '暂无游客投诉'
        )}
      </Text>
      <View className='tr-place__actions'>
        {phone && (
          <ActionButton className='btn btn--secondary btn--small' label={`拨打电话：${place.name}`} onTap={() => callPhone(phone)}>
            拨打电话
          </ActionButton>
        )}
        <ActionButton id={`complain-${place.code}`} className='btn btn--secondary btn--small' label={`投诉：${place.name}`} onTap={() => onComplain(place)}>
          投诉
        </ActionButton>
      </View>
    </View>
  )
}
