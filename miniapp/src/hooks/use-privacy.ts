// Pages read the privacy consent of this device through this hook and re-render when it changes (agreed, withdrawn,
// taken over from the account).

import { useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { privacyGate } from '../services/privacy'
import type { StoredConsent } from '../services/privacy-consent'

export function usePrivacyConsent(): StoredConsent {
  const [consent, setConsent] = useState<StoredConsent>(() => privacyGate.state())
  useEffect(() => privacyGate.subscribe(setConsent), [])
  useDidShow(() => setConsent(privacyGate.state()))
  return consent
}
