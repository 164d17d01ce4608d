// The 现场照片 card: the chosen photos with a remove button each, the compression progress and 「添加照片」.

import { Image, Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { MAX_PHOTOS, type DraftPhoto } from '../../../services/report-form'

export interface PhotoStepProps {
  photos: DraftPhoto[]
  /** False once MAX_PHOTOS are chosen: 「添加照片」 goes away. */
  canAdd: boolean
  /** 「正在压缩照片 1/3」 while photos are being picked, else null. */
  picking: string | null
  note: string | null
  error?: string
  busy: boolean
  onAdd: () => void
  onRemove: (index: number) => void
}

export default function PhotoStep({ photos, canAdd, picking, note, error, busy, onAdd, onRemove }: PhotoStepProps) {
  return (
    <View className='rp-card' role='group' aria-labelledby='photos-heading'>
      <View className='rp-heading' role='heading' aria-level='2' id='photos-heading'>
        现场照片
      </View>
      <Text className='rp-hint' id='photos-hint'>
        {`1–${MAX_PHOTOS} 张，可拍照或从相册选择，上传前会在手机上压缩。已添加 ${photos.length}/${MAX_PHOTOS} 张。`}
      </Text>
      {photos.length > 0 && (
        <View className='rp-photos' style={{ marginTop: '12px' }}>
          {photos.map((photo, index) => (
            <View key={photo.path} className='rp-thumb'>
              <Image
                className='rp-thumb__image'
                src={photo.path}
                mode='aspectFill'
                aria-label={`照片 ${index + 1}`}
                nativeProps={{ alt: `照片 ${index + 1}` }}
              />
              <ActionButton className='rp-thumb__remove' label={`删除照片 ${index + 1}`} disabled={busy} onTap={() => onRemove(index)}>
                删除
              </ActionButton>
            </View>
          ))}
        </View>
      )}
      {picking && (
        <View className='rp-hint' role='status'>
          {picking}
        </View>
      )}
      {canAdd && (
        <View className='rp-actions'>
          <ActionButton id='add-photos' className='btn btn--secondary' loading={picking !== null} disabled={busy} describedBy='photos-hint' onTap={onAdd}>
            添加照片
          </ActionButton>
        </View>
      )}
      {note && (
        <View className='rp-hint' role='status' id='photos-note'>
          {note}
        </View>
      )}
      {error && <Text className='rp-error'>{error}</Text>}
    </View>
  )
}
