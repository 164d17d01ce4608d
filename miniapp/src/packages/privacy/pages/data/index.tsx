// 我的数据: what GET /me/data holds about the signed-in resident, in readable sections (个人资料, 居住申报, 上报, 投诉, 求助,
// 社保, 消息); 导出 (H5: the JSON as a file; the mini-program: copied to the clipboard); 注销账号 after typing 注销 in a
// confirmation dialog (DELETE /me {confirm}), which ends the session here and returns to 我的.

import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import SignInCard from '../../../../components/sign-in-card'
import TextField from '../../../../components/text-field'
import { useSession } from '../../../../hooks/use-session'
import { formatDateTime } from '../../../../services/events'
import { showApiError, userMessage } from '../../../../services/http'
import { deleteAccount, fetchMyData, saveExport } from '../../../../services/my-data'
import { DELETE_CONFIRM_WORD, DELETE_EXPLANATION, deletionConfirmed, sectionCountText, type MyData } from '../../../../services/my-data-view'
import { PRIVACY_PAGES } from '../../../../services/privacy'
import DefinitionRows from '../../components/definition-rows'
import '../../styles/privacy.scss'

const isH5 = process.env.TARO_ENV === 'h5'

function Title() {
  return (
    <View className='pv-title' role='heading' aria-level='1'>
      我的数据
    </View>
  )
}

export default function MyDataPage() {
  const session = useSession()
  const [data, setData] = useState<MyData | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [typed, setTyped] = useState('')
  const [deleting, setDeleting] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)

  async function load() {
    setLoading(true)
    setError(null)
    try {
      setData(await fetchMyData())
    } catch (err) {
      setError(userMessage(err))
    } finally {
      setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }

  useEffect(() => {
    if (session) void load()
    else setData(null)
  }, [session?.user.id])

  // H5: focus moves to the confirmation field when the dialog opens.
  useEffect(() => {
    if (!isH5 || !confirming) return undefined
    const timer = setTimeout(() => document.querySelector<HTMLInputElement>('#delete-confirm-input input')?.focus(), 50)
    return () => clearTimeout(timer)
  }, [confirming])

  usePullDownRefresh(() => {
    if (session) void load()
    else Taro.stopPullDownRefresh()
  })

  async function exportData() {
    if (!data) return
    setExporting(true)
    try {
      const outcome = await saveExport(data)
      const message = outcome === 'downloaded' ? '已导出为 JSON 文件，请在浏览器的下载中查看。' : '数据已复制到剪贴板，可粘贴到备忘录或文件中保存。'
      setExported(message)
      void Taro.showToast({ title: outcome === 'downloaded' ? '已导出' : '已复制到剪贴板', icon: 'none' })
    } catch (err) {
      setExported(null)
      showApiError(err)
    } finally {
      setExporting(false)
    }
  }

  function openConfirm() {
    setTyped('')
    setDeleteError(null)
    setConfirming(true)
  }

  function closeConfirm() {
    if (deleting) return
    setConfirming(false)
    setTyped('')
  }

  async function confirmDelete() {
    if (!deletionConfirmed(typed)) {
      setDeleteError(`请输入「${DELETE_CONFIRM_WORD}」以确认`)
      return
    }
    setDeleting(true)
    setDeleteError(null)
    try {
      await deleteAccount()
      setConfirming(false)
      void Taro.showToast({ title: '账号已注销', icon: 'none', duration: 2500 })
      void Taro.switchTab({ url: '/pages/mine/index' })
    } catch (err) {
      setDeleteError(userMessage(err))
    } finally {
      setDeleting(false)
    }
  }

  if (!session) {
    return (
      <View className='page privacy-data' role='main'>
        <Title />
        <SignInCard prefix='pv' id='my-data-sign-in' reason='登录后即可查看、导出您在 Weave 中的个人数据，或注销账号。' />
      </View>
    )
  }

  const ready = deletionConfirmed(typed)
  return (
    <View className='page privacy-data' role='main'>
      <Title />
      <View className='pv-intro'>
        <Text className='pv-text'>这里是 Weave 保存的与您本人有关的信息。您可以导出一份副本，或注销账号。</Text>
        <Text className='pv-hint'>为防旁人看到，身份证号在页面上打码显示，导出文件中为完整号码。</Text>
      </View>

      <View className='pv-card'>
        <ActionButton id='my-data-export' className='btn btn--primary' loading={exporting} disabled={!data} describedBy='export-hint' onTap={() => void exportData()}>
          导出
        </ActionButton>
        <Text className='pv-hint' id='export-hint' style={{ marginTop: '12px' }}>
          {isH5 ? '导出为 JSON 文件，包含下方全部数据。' : '小程序无法保存 JSON 文件：导出会把全部数据复制到剪贴板。'}
        </Text>
        {exported && (
          <View className='pv-notice' role='status' id='my-data-exported'>
            {exported}
          </View>
        )}
      </View>

      {loading && !data && (
        <View className='pv-hint' role='status'>
          正在加载我的数据…
        </View>
      )}
      {error && (
        <View className='pv-card'>
          <View className='alert' role='alert' id='my-data-error'>
            {`我的数据加载失败：${error}`}
          </View>
          <View className='pv-actions'>
            <ActionButton className='btn btn--secondary' loading={loading} onTap={() => void load()}>
              重新加载
            </ActionButton>
          </View>
        </View>
      )}

      {data && (
        <View id='my-data' role='region' aria-label='我的数据明细'>
          {data.exportedAt && <Text className='pv-hint'>{`数据时间：${formatDateTime(data.exportedAt) || data.exportedAt}`}</Text>}
          {data.sections.map((section) => (
            <View key={section.key} className='pv-card' role='region' aria-labelledby={`data-${section.key}-heading`} id={`data-${section.key}`}>
              <View className='pv-heading' role='heading' aria-level='2' id={`data-${section.key}-heading`}>
                {section.title}
                <Text className='pv-count'>{sectionCountText(section)}</Text>
              </View>
              {section.entries.length === 0 ? (
                <Text className='pv-hint'>{section.empty}</Text>
              ) : (
                section.entries.map((entry, index) => (
                  <View key={`${entry.title}-${index}`} className={`pv-entry${index === 0 ? ' pv-entry--first' : ''}`}>
                    <View className='pv-subheading' role='heading' aria-level='3'>
                      {entry.title}
                    </View>
                    <DefinitionRows id={`data-${section.key}-${index}`} rows={entry.rows} />
                  </View>
                ))
              )}
            </View>
          ))}
        </View>
      )}

      <View className='pv-card pv-danger-card' role='region' aria-labelledby='delete-heading'>
        <View className='pv-heading' role='heading' aria-level='2' id='delete-heading'>
          注销账号
        </View>
        <Text className='pv-text' id='delete-explanation'>
          {DELETE_EXPLANATION}
        </Text>
        <View className='pv-actions'>
          <ActionButton id='my-data-delete' className='btn pv-danger' describedBy='delete-explanation' onTap={openConfirm}>
            注销账号
          </ActionButton>
          <ActionButton id='open-privacy-guide' className='btn btn--secondary' onTap={() => void Taro.navigateTo({ url: PRIVACY_PAGES.guide })}>
            隐私保护指引与撤回同意
          </ActionButton>
        </View>
      </View>

      {confirming && (
        <View className='sheet'>
          <View
            id='delete-dialog'
            className='sheet__box'
            role='dialog'
            aria-modal='true'
            aria-labelledby='delete-dialog-heading'
            aria-describedby='delete-dialog-text'
          >
            <View className='pv-heading' role='heading' aria-level='2' id='delete-dialog-heading'>
              确认注销账号
            </View>
            <Text className='pv-text' id='delete-dialog-text'>
              {`${DELETE_EXPLANATION}如确定注销，请在下方输入「${DELETE_CONFIRM_WORD}」。`}
            </Text>
            <TextField
              prefix='pv'
              id='delete-confirm-input'
              label={`请输入「${DELETE_CONFIRM_WORD}」`}
              value={typed}
              maxlength={10}
              placeholder={DELETE_CONFIRM_WORD}
              error={deleteError ?? undefined}
              disabled={deleting}
              web={{ autoComplete: 'off' }}
              onInput={(value) => {
                setTyped(value)
                setDeleteError(null)
              }}
              onConfirm={() => void confirmDelete()}
            />
            <View className='pv-actions'>
              <ActionButton
                id='delete-confirm'
                className={`btn pv-danger ${ready ? '' : 'pv-danger--off'}`}
                loading={deleting}
                disabled={!ready}
                onTap={() => void confirmDelete()}
              >
                确认注销
              </ActionButton>
              <ActionButton id='delete-cancel' className='btn btn--secondary' disabled={deleting} onTap={closeConfirm}>
                取消
              </ActionButton>
            </View>
          </View>
        </View>
      )}
    </View>
  )
}
