// An event's status: its Chinese name in a tinted badge (the colour repeats the words, never replaces them).

import { Text } from '@tarojs/components'
import { statusName, statusTone } from '../../../services/events'

export interface StatusBadgeProps {
  status: string
  name?: string
  id?: string
}

export default function StatusBadge({ status, name, id }: StatusBadgeProps) {
  return (
    <Text id={id} className={`rp-status rp-status--${statusTone(status)}`}>
      {statusName(status, name)}
    </Text>
  )
}
