// A row of event photos that open full size when tapped; each carries a text alternative.

import { Image, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { apiMediaUrl } from '../../../services/http'
import type { Photo } from '../../../services/events'
import { previewPhotos } from '../../../services/media'

export interface PhotoGridProps {
  photos: Photo[]
  /** 「处置前照片」: the alternative text reads 「处置前照片 2」. */
  label: string
}

export default function PhotoGrid({ photos, label }: PhotoGridProps) {
  const urls = photos.map((p) => apiMediaUrl(p.url))
  return (
    <View className='rp-photos'>
      {photos.map((photo, index) => {
        const name = `${label} ${index + 1}`
        return (
          <ActionButton key={String(photo.id)} className='rp-photo-button' label={`查看${name}大图`} onTap={() => previewPhotos(urls, urls[index])}>
            <Image
              className='rp-thumb__image'
              src={apiMediaUrl(photo.thumbnailUrl)}
              mode='aspectFill'
              aria-label={name}
              nativeProps={{ alt: name }}
            />
          </ActionButton>
        )
      })}
    </View>
  )
}
