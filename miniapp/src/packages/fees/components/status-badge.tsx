// A fee status (已缴 / 在途 / 待缴 / 欠费 / 可退费): its Chinese name in a tinted badge; the colour only repeats the words.

import { Text } from '@tarojs/components'
import { feeStatusName, feeTone } from '../../../services/fee-view'

export function StatusBadge({ status, name, id, className }: { status: string; name?: string; id?: string; className?: string }) {
  return (
    <Text id={id} className={`fs-status fs-status--${feeTone(status)}${className ? ` ${className}` : ''}`}>
      {feeStatusName(status, name)}
    </Text>
  )
}
