// A definition list in both targets: each label is a term and its text the definition (role term / definition, the
// definition named by its term), as the guide's items and the records of 我的数据 are read.

import { View } from '@tarojs/components'

export interface DefinitionRow {
  label: string
  value: string
}

/** `id`: unique on the page; each row's term gets `${id}-${index}`. */
export default function DefinitionRows({ id, rows }: { id: string; rows: DefinitionRow[] }) {
  return (
    <View className='pv-dl' id={id}>
      {rows.map((row, index) => (
        <View className={`pv-dl__row${index === rows.length - 1 ? ' pv-dl__row--last' : ''}`} key={`${row.label}-${index}`}>
          <View className='pv-dl__term' role='term' id={`${id}-${index}`}>
            {row.label}
          </View>
          <View className='pv-dl__definition' role='definition' aria-labelledby={`${id}-${index}`}>
            {row.value}
          </View>
        </View>
      ))}
    </View>
  )
}
