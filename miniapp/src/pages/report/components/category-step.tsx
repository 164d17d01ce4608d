// Step 1 of 随手拍: the categories grouped by level, one button each; loading, empty and failed states with a retry.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import type { Category } from '../../../services/events'
import { groupCategories } from '../../../services/report-form'

export interface CategoryStepProps {
  /** null while loading. */
  categories: Category[] | null
  error: string | null
  chosenCode: string | null
  onReload: () => void
  onChoose: (code: string) => void
}

export default function CategoryStep({ categories, error, chosenCode, onReload, onChoose }: CategoryStepProps) {
  const groups = categories ? groupCategories(categories) : []
  return (
    <>
      <Text className='rp-steps'>第 1 步，共 2 步：选择问题分类</Text>
      {error ? (
        <View className='rp-card'>
          <View className='alert' role='alert'>
            {error}
          </View>
          <View className='rp-actions'>
            <ActionButton className='btn btn--secondary' onTap={onReload}>
              重新加载
            </ActionButton>
          </View>
        </View>
      ) : !categories ? (
        <View className='rp-empty' role='status'>
          正在加载分类…
        </View>
      ) : groups.length === 0 ? (
        <View className='rp-empty'>暂无可上报的分类</View>
      ) : (
        groups.map((group) => (
          <View key={group.level} className='rp-card' role='group' aria-labelledby={`level-${group.level}`}>
            <View className='rp-heading' role='heading' aria-level='2' id={`level-${group.level}`}>
              {group.levelName}
            </View>
            {group.items.map((c) => (
              <ActionButton
                key={c.code}
                id={`category-${c.code}`}
                className={`rp-option${c.code === chosenCode ? ' rp-option--chosen' : ''}`}
                pressed={c.code === chosenCode}
                onTap={() => onChoose(c.code)}
              >
                {c.name}
              </ActionButton>
            ))}
          </View>
        ))
      )}
    </>
  )
}
