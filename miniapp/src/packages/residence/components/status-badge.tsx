// A declaration's status (or a house's colour): its Chinese name in a tinted badge; the colour repeats the words.

import { Text } from '@tarojs/components'
import { declarationStatusName, declarationTone } from '../../../services/declarations'

export function StatusBadge({ status, name, id }: { status: string; name?: string; id?: string }) {
  return (
    <Text id={id} className={`rs-status rs-status--${declarationTone(status)}`}>
      {declarationStatusName(status, name)}
    </Text>
  )
}

const COLOURS = new Set(['red', 'yellow', 'green', 'none'])

export function ColourBadge({ colour, name }: { colour: string; name: string }) {
  return <Text className={`rs-status rs-status--${COLOURS.has(colour) ? colour : 'none'}`}>{name}</Text>
}
