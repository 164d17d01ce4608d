// Step 2 of 随手拍 opens with the category chosen in step 1, and the way back to change it.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import type { Category } from '../../../services/events'

export interface ChosenCategoryProps {
  category: Category | null
  error?: string
  onChange: () => void
}

export default function ChosenCategory({ category, error, onChange }: ChosenCategoryProps) {
  return (
    <View className='rp-card'>
      <View className='rp-switch-row'>
        <View>
          <Text className='rp-hint'>问题分类</Text>
          <Text className='rp-text' id='chosen-category'>
            {category ? `${category.name}（${category.levelName}）` : '未选择'}
          </Text>
        </View>
        <ActionButton className='btn btn--secondary btn--small' label='更换问题分类' onTap={onChange}>
          更换
        </ActionButton>
      </View>
      {error && <Text className='rp-error'>{error}</Text>}
    </View>
  )
}
