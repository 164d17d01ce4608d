// A Taro Button that is also a real button in H5: Taro renders <taro-button-core>, a custom element with no role
// and no focus, so H5 gets role="button", a tab stop, Enter/Space activation and aria attributes.

import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'

export interface ActionButtonProps {
  children: ReactNode
  onTap: () => void
  /** Accessible name when the visible text alone is not enough. */
  label?: string
  id?: string
  className?: string
  disabled?: boolean
  loading?: boolean
  /** A toggle (a star of a rating, a chosen category): announced as pressed or not. */
  pressed?: boolean
  /** Ids of elements that describe the button further (a hint, an error). */
  describedBy?: string
  /** 'link' for one that opens another page (the 隐私保护指引 from the privacy prompt). */
  role?: 'button' | 'link'
}

const isH5 = process.env.TARO_ENV === 'h5'

export default function ActionButton({ children, onTap, label, id, className, disabled, loading, pressed, describedBy, role = 'button' }: ActionButtonProps) {
  const busy = Boolean(disabled || loading)
  const activate = () => {
    if (!busy) onTap()
  }
  const web = isH5
    ? {
        role,
        tabIndex: busy ? -1 : 0,
        'aria-label': label,
        'aria-disabled': busy ? 'true' : undefined,
        'aria-busy': loading ? 'true' : undefined,
        'aria-pressed': pressed === undefined ? undefined : pressed ? 'true' : 'false',
        'aria-describedby': describedBy,
        onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
          // A link follows on Enter only, as links do.
          if (event.key === 'Enter' || (event.key === ' ' && role === 'button')) {
            event.preventDefault?.()
            activate()
          }
        },
      }
    : {}
  return (
    <Button id={id} className={className} disabled={disabled} loading={loading} onClick={activate} {...web}>
      {children}
    </Button>
  )
}
