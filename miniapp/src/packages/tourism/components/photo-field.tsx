// 照片（选填）: up to nine photos, shrunk on the phone before they are kept; each with its remove button.

import { Image, Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import type { DraftPhoto } from '../../../services/report-form'
import { MAX_COMPLAINT_PHOTOS } from '../../../services/tourism-form'

export interface PhotoFieldProps {
  photos: DraftPhoto[]
  /** 「正在压缩照片 1/3」 while photos are being picked, else null. */
  picking: string | null
  note: string | null
  error?: string
  busy: boolean
  onAdd: () => void
  onRemove: (index: number) => void
}

export default function PhotoField({ photos, picking, note, error, busy, onAdd, onRemove }: PhotoFieldProps) {
  return (
    <View className='tr-field' role='group' aria-labelledby='complain-photos-label'>
      <Text className='tr-label' id='complain-photos-label'>
        照片（选填）
      </Text>
      <Text className='tr-hint' id='complain-photos-hint'>
        {`价目表、小票、现场照片等，最多 ${MAX_COMPLAINT_PHOTOS} 张，上传前会在手机上压缩。已添加 ${photos.length}/${MAX_COMPLAINT_PHOTOS} 张。`}
      </Text>
      {photos.length > 0 && (
        <View className='tr-photos'>
          {photos.map((photo, index) => (
            <View key={photo.path} className='tr-thumb'>
              <Image className='tr-thumb__image' src={photo.path} mode='aspectFill' aria-label={`照片 ${index + 1}`} nativeProps={{ alt: `照片 ${index + 1}` }} />
              <ActionButton className='tr-thumb__remove' label={`删除照片 ${index + 1}`} disabled={busy} onTap={() => onRemove(index)}>
                删除
              </ActionButton>
            </View>
          ))}
        </View>
      )}
      {picking && (
        <View className='tr-hint' role='status'>
          {picking}
        </View>
      )}
      {photos.length < MAX_COMPLAINT_PHOTOS && (
        <View className='tr-actions'>
          <ActionButton
            id='complain-add-photos'
            className='btn btn--secondary'
            loading={picking !== null}
            disabled={busy}
            describedBy='complain-photos-hint'
            onTap={onAdd}
          >
            添加照片
          </ActionButton>
        </View>
      )}
      {note && (
        <View className='tr-hint' role='status' id='complain-photos-note'>
          {note}
        </View>
      )}
      {error && <Text className='tr-error'>{error}</Text>}
    </View>
  )
}
