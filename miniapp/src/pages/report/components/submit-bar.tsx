// The end of step 2: the upload progress while sending, the 「请先完善」 summary, the submit error and 「提交」.

import { View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import type { DraftProblem } from '../../../services/report-form'
import type { SubmitStage } from '../../../services/reports'

export interface Progress {
  percent: number
  text: string
}

export function progressFor(stage: SubmitStage, done: number, total: number): Progress {
  if (stage === 'keeping') return { percent: 10, text: '正在保存照片…' }
  if (stage === 'reading') return { percent: 10 + Math.round((40 * done) / Math.max(total, 1)), text: `正在读取照片 ${Math.min(done + 1, total)}/${total}` }
  return { percent: 60, text: `正在上传 ${total} 张照片和问题描述…` }
}

export interface SubmitBarProps {
  /** null unless a submit is under way. */
  progress: Progress | null
  /** The problems still open; listed only when showSummary is set. */
  problems: DraftProblem[]
  showSummary: boolean
  error: string | null
  onSubmit: () => void
}

export default function SubmitBar({ progress, problems, showSummary, error, onSubmit }: SubmitBarProps) {
  return (
    <>
      {progress && (
        <View className='rp-progress'>
          <View
            className='rp-progress__track'
            role='progressbar'
            aria-label='提交进度'
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.percent}
            aria-valuetext={progress.text}
          >
            <View className='rp-progress__bar' style={{ width: `${progress.percent}%` }} />
          </View>
          <View className='rp-progress__text' role='status'>
            {progress.text}
          </View>
        </View>
      )}
      {showSummary && problems.length > 0 && (
        <View className='alert' role='alert' id='submit-problems'>
          {`请先完善：${problems.map((p) => p.message).join('；')}`}
        </View>
      )}
      {error && (
        <View className='alert' role='alert' id='submit-error'>
          {error}
        </View>
      )}
      <View className='rp-actions'>
        <ActionButton id='submit-report' className='btn btn--primary' loading={progress !== null} onTap={onSubmit}>
          提交
        </ActionButton>
      </View>
    </>
  )
}
