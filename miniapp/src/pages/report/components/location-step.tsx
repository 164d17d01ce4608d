// The 问题位置 card: the phone's location (with its accuracy and the grid it falls in), or typed coordinates, and an address.
// Inner inputs carry both aria-labelledby (the visible label names them) and aria-label: a Taro H5 page is a scroll
// container, and axe counts a label scrolled out of it as invisible.

import { Input, Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { canOpenSettings, openLocationSettings } from '../../../services/media'
import type { GridInfo } from '../../../services/reports'

export type LocationState =
  | { state: 'idle' }
  | { state: 'locating' }
  | { state: 'located'; accuracy: number | null }
  | { state: 'failed'; message: string; denied: boolean }
  | { state: 'typed' }

export type GridState = { state: 'unknown' } | { state: 'checking' } | { state: 'inside'; grid: GridInfo } | { state: 'outside' }

export interface LocationStepProps {
  location: LocationState
  grid: GridState
  lat: string
  lng: string
  address: string
  latError?: string
  lngError?: string
  busy: boolean
  onLocate: () => void
  onTypeCoordinate: (axis: 'lat' | 'lng', value: string) => void
  /** A typed coordinate lost focus: check the typed point's grid. */
  onCoordinateBlur: () => void
  onAddress: (value: string) => void
}

export default function LocationStep(props: LocationStepProps) {
  const { location, grid, busy, onLocate } = props
  return (
    <View className='rp-card' role='group' aria-labelledby='location-heading'>
      <View className='rp-heading' role='heading' aria-level='2' id='location-heading'>
        问题位置
      </View>
      {location.state === 'locating' && (
        <View className='rp-hint' role='status'>
          正在获取当前位置…
        </View>
      )}
      {location.state === 'located' && (
        <View className='rp-notice' role='status'>
          {`已获取当前位置${location.accuracy ? `（精度约 ${Math.round(location.accuracy)} 米）` : ''}，如不准确可在下方修改。`}
        </View>
      )}
      {location.state === 'failed' && (
        <View className='rp-warning' role='alert' id='location-message'>
          {location.message}
        </View>
      )}
      {grid.state === 'inside' && (
        <Text className='rp-hint rp-grid' id='grid-name'>
          {`所在网格：${[grid.grid.streetName, grid.grid.communityName, grid.grid.name].filter(Boolean).join(' · ')}`}
        </Text>
      )}
      {grid.state === 'outside' && (
        <View className='rp-warning' role='alert'>
          该位置不在本市任何网格内，可能无法受理。请核对位置。
        </View>
      )}
      <View className='rp-actions'>
        <ActionButton className='btn btn--secondary' loading={location.state === 'locating'} disabled={busy} onTap={onLocate}>
          {location.state === 'located' ? '重新定位' : '获取当前位置'}
        </ActionButton>
        {location.state === 'failed' && location.denied && canOpenSettings && (
          <ActionButton className='btn btn--secondary' onTap={openLocationSettings}>
            打开定位设置
          </ActionButton>
        )}
      </View>

      <ManualLocation {...props} />
    </View>
  )
}

/** 手动填写位置: latitude, longitude and the optional address. */
function ManualLocation({ lat, lng, address, latError, lngError, busy, onTypeCoordinate, onCoordinateBlur, onAddress }: LocationStepProps) {
  return (
    <>
      <View className='rp-subheading' role='heading' aria-level='3'>
        手动填写位置
      </View>
      <Text className='rp-hint' id='manual-hint'>
        定位失败、不准确或未同意隐私保护指引时，可在这里填写纬度、经度（如 22.5431、113.8829）和地址。
      </Text>
      <View className='rp-coords'>
        <CoordinateField axis='lat' label='纬度' placeholder='22.5431' value={lat} error={latError} busy={busy} onType={onTypeCoordinate} onBlur={onCoordinateBlur} />
        <CoordinateField axis='lng' label='经度' placeholder='113.8829' value={lng} error={lngError} busy={busy} onType={onTypeCoordinate} onBlur={onCoordinateBlur} />
      </View>
      <View className='rp-field'>
        <Text className='rp-label' id='address-label'>
          地址（选填）
        </Text>
        <Input
          id='address'
          className='rp-input'
          type='text'
          value={address}
          maxlength={200}
          placeholder='如：西乡街道河东社区 12 号旁'
          disabled={busy}
          aria-label='地址（选填）'
          nativeProps={{ 'aria-label': '地址（选填）', 'aria-labelledby': 'address-label', autoComplete: 'street-address' }}
          onInput={(e) => onAddress(e.detail.value)}
        />
      </View>
    </>
  )
}

interface CoordinateFieldProps {
  axis: 'lat' | 'lng'
  label: string
  placeholder: string
  value: string
  error?: string
  busy: boolean
  onType: (axis: 'lat' | 'lng', value: string) => void
  onBlur: () => void
}

/** One typed coordinate (#manual-lat, #manual-lng), its label and its error, described by the shared hint. */
function CoordinateField({ axis, label, placeholder, value, error, busy, onType, onBlur }: CoordinateFieldProps) {
  const id = `manual-${axis}`
  return (
    <View className='rp-field rp-coords__item'>
      <Text className='rp-label' id={`${id}-label`}>
        {label}
      </Text>
      <Input
        id={id}
        className='rp-input'
        type='digit'
        value={value}
        placeholder={placeholder}
        disabled={busy}
        aria-label={label}
        nativeProps={{
          'aria-label': label,
          'aria-labelledby': `${id}-label`,
          'aria-describedby': error ? `${id}-error manual-hint` : 'manual-hint',
          'aria-invalid': error ? 'true' : undefined,
          inputMode: 'decimal',
          step: 'any',
        }}
        onInput={(e) => onType(axis, e.detail.value)}
        onBlur={onBlur}
      />
      {error && (
        <Text className='rp-error' id={`${id}-error`}>
          {error}
        </Text>
      )}
    </View>
  )
}
