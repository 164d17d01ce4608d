// The island's on-duty room and its number with 「拨打值班电话」: a phone call is the fastest way to help, and it works
// where mobile data does not.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { callPhone } from '../../../services/tourism'
import { dutyUnit, type Island } from '../../../services/tourism-view'

/** `id` prefixes the ids inside (`${id}-number`, `${id}-call`): each page has its own, as H5 keeps the pages below. */
export default function DutyPhone({ id, island }: { id: string; island: Island | null }) {
  const unit = dutyUnit(island)
  if (!island || !unit?.phone) return null
  const phone = unit.phone
  return (
    <View className='tr-duty' id={id} role='group' aria-labelledby={`${id}-title`}>
      <Text className='tr-duty__title' id={`${id}-title`}>
        {`${island.name} · ${unit.name}`}
      </Text>
      <Text className='tr-duty__phone' id={`${id}-number`}>
        {phone}
      </Text>
      <ActionButton id={`${id}-call`} className='btn tr-call' label={`拨打值班电话 ${phone}`} onTap={() => callPhone(phone)}>
        拨打值班电话
      </ActionButton>
      <Text className='tr-hint' style={{ marginTop: '12px' }}>
        情况危急时直接打电话最快；无法接通请拨打 120（急救）或 110（报警）。
      </Text>
    </View>
  )
}
