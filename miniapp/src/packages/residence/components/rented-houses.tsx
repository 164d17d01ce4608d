// 我的出租房屋 (GET /me/houses): each house the person lets, its colour, and its tenants with masked names and numbers;
// 「确认」 for a tenant the landlord has not confirmed yet.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import type { LandlordHouse, Tenant } from '../../../services/declarations'
import { formatDateTime } from '../../../services/events'
import { ColourBadge, StatusBadge } from './status-badge'

export interface RentedHousesProps {
  houses: LandlordHouse[]
  /** `${houseCode}/${declarationId}` of the confirmation under way. */
  confirming: string | null
  onConfirm: (house: LandlordHouse, tenant: Tenant) => void
}

export function tenantKey(houseCode: string, declarationId: number | string): string {
  return `${houseCode}/${declarationId}`
}

export default function RentedHouses({ houses, confirming, onConfirm }: RentedHousesProps) {
  return (
    <View role='region' aria-labelledby='rented-heading' id='rented-houses'>
      <View className='rs-section-title' role='heading' aria-level='2' id='rented-heading'>
        我的出租房屋
      </View>
      {houses.map((house) => {
        const headingId = `rented-${house.code}-heading`
        return (
          <View key={house.code} className='rs-card' role='group' aria-labelledby={headingId}>
            <View className='rs-item-title' role='heading' aria-level='3' id={headingId}>
              {house.address || house.code}
            </View>
            <View className='rs-badges'>
              <ColourBadge colour={house.colour} name={house.colourName} />
            </View>
            <Text className='rs-item-meta'>
              {[`房屋编码 ${house.code}`, house.capacity !== null ? `核定 ${house.capacity} 人` : '', `登记 ${house.tenants.length} 人`].filter(Boolean).join(' · ')}
            </Text>
            {house.tenants.length === 0 ? (
              <Text className='rs-hint' style={{ marginTop: '16px' }}>
                暂无租客申报。
              </Text>
            ) : (
              <View role='list' aria-label={`${house.address || house.code}的租客`} style={{ marginTop: '16px' }}>
                {house.tenants.map((tenant) => {
                  const key = tenantKey(house.code, tenant.declarationId)
                  return (
                    <View key={key} className='rs-tenant' role='listitem'>
                      <View className='rs-split'>
                        <View style={{ flex: 1, minWidth: 0 }}>
                          <Text className='rs-item-title'>{tenant.name || '租客'}</Text>
                          <Text className='rs-item-meta rs-code'>{tenant.idNumberMasked}</Text>
                          <Text className='rs-item-meta'>{tenant.moveInDate ? `入住日期 ${tenant.moveInDate}` : ''}</Text>
                          <View className='rs-badges'>
                            <StatusBadge status={tenant.status} name={tenant.statusName} />
                          </View>
                          {tenant.landlordConfirmedAt && <Text className='rs-item-meta'>{`已确认 ${formatDateTime(tenant.landlordConfirmedAt)}`}</Text>}
                        </View>
                        {!tenant.landlordConfirmedAt && (
                          <ActionButton
                            id={`confirm-tenant-${tenant.declarationId}`}
                            className='btn btn--secondary btn--small'
                            label={`确认租客 ${tenant.name}`}
                            loading={confirming === key}
                            disabled={confirming !== null}
                            onTap={() => onConfirm(house, tenant)}
                          >
                            确认
                          </ActionButton>
                        )}
                      </View>
                    </View>
                  )
                })}
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}
