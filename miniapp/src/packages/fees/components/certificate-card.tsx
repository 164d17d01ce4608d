// 缴费证明: issue one for the chosen year (POST /me/fees/certificate), then show its verification code, where anyone can
// check it, and a button that copies the code with the full address.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { formatYuan, rangeLabel, verifyText, type Certificate } from '../../../services/fee-view'
import { formatDateTime } from '../../../services/events'

export interface CertificateCardProps {
  year: number
  certificate: Certificate | null
  busy: boolean
  error: string | null
  copied: string | null
  onIssue: () => void
  onCopy: () => void
}

export default function CertificateCard({ year, certificate, busy, error, copied, onIssue, onCopy }: CertificateCardProps) {
  return (
    <View className='fs-card' role='region' aria-labelledby='fee-certificate-heading' id='fee-certificate-section'>
      <View className='fs-heading' role='heading' aria-level='2' id='fee-certificate-heading'>
        缴费证明
      </View>
      <Text className='fs-hint' id='fee-certificate-hint'>
        {`开具 ${year} 年全年（${year}-01 至 ${year}-12）的缴费证明。银行、用人单位等可凭核验码查验，证明上的姓名和身份证号均部分隐藏。`}
      </Text>
      <View className='fs-actions'>
        <ActionButton id='fee-certificate' className='btn btn--primary' loading={busy} describedBy='fee-certificate-hint' onTap={onIssue}>
          开具缴费证明
        </ActionButton>
      </View>
      {error && (
        <View className='alert' role='alert' id='fee-certificate-error'>
          {error}
        </View>
      )}
      {certificate && (
        <View className='fs-certificate' id='fee-certificate-result'>
          <View className='fs-certificate__done' role='status'>
            {`已开具 ${rangeLabel(certificate.from, certificate.to)}的缴费证明`}
          </View>
          <Text className='fs-certificate__label' id='certificate-code-label'>
            核验码
          </Text>
          <Text className='fs-certificate__code' id='certificate-code' userSelect aria-labelledby='certificate-code-label certificate-code'>
            {certificate.code}
          </Text>
          <Text className='fs-certificate__verify' id='certificate-verify' userSelect>
            {verifyText(certificate)}
          </Text>
          <View className='fs-row'>
            <Text className='fs-row__label'>证明期间</Text>
            <Text className='fs-row__value'>{rangeLabel(certificate.from, certificate.to)}</Text>
          </View>
          <View className='fs-row'>
            <Text className='fs-row__label'>参保人</Text>
            <Text className='fs-row__value'>{[certificate.nameMasked, certificate.payerMasked].filter(Boolean).join(' ')}</Text>
          </View>
          <View className='fs-row'>
            <Text className='fs-row__label'>应缴 / 已缴</Text>
            <Text className='fs-row__value'>{`${formatYuan(certificate.totals.dueFen)} / ${formatYuan(certificate.totals.paidFen)}`}</Text>
          </View>
          {certificate.issuedAt && (
            <View className='fs-row'>
              <Text className='fs-row__label'>开具时间</Text>
              <Text className='fs-row__value'>{formatDateTime(certificate.issuedAt)}</Text>
            </View>
          )}
          <View className='fs-actions'>
            <ActionButton id='certificate-copy' className='btn btn--secondary' label='复制核验码和核验地址' onTap={onCopy}>
              复制核验码
            </ActionButton>
          </View>
          {copied && (
            <View className='fs-hint fs-copied' id='certificate-copied' role='status'>
              {copied}
            </View>
          )}
        </View>
      )}
    </View>
  )
}
