// The outbox with its three kinds, sent through the real client over a scripted transport: what each kind is on the
// wire, retries under one key, dedupe, a restart with entries pending, entries stored before kinds existed.
import { expect } from 'chai'
import { createHttpClient, type TransportRequest, type TransportResponse } from '../src/services/client'
import { BASE_DELAY_MS, REPORT_QUEUE_STORAGE_KEY, SubmissionQueue, tooOldMessage, MAX_AGE_MS, type NewSubmission } from '../src/services/report-queue'
import { SessionStore } from '../src/services/session'
import { createSubmissionSender, HELP_TIMEOUT_MS } from '../src/services/submissions'
import { json, MemoryStorage, NOW, problem, session } from './helpers'

const T0 = NOW.getTime()
const B = '----WeaveFormBoundaryTEST'

const reportFields = { category: 'road-damage', description: '井盖缺失', lat: '22.5431', lng: '113.8829', coordSystem: 'gcj02', anonymous: 'false' }
const complaintFields = { phone: '13812345678', category: 'overcharging', description: '海鲜按斤计价，结账时翻了三倍', placeCode: 'GS-R-001' }
const helpJson = { type: 'medical', lat: 22.1364, lng: 113.8251, coordSystem: 'gcj02', accuracyM: 35, phone: '13812345678', text: '老人在码头摔倒，腿部流血' }
const photo = { ref: 'idb:k/0', filename: 'photo-1.jpg', contentType: 'image/jpeg' }
const PHOTO_BYTES = Uint8Array.from([0xff, 0xd8, 0xff, 0xd9])

const report = (key: string): NewSubmission => ({ key, fields: reportFields, photos: [photo], label: '道路破损' })
const complaint = (key: string): NewSubmission => ({ key, kind: 'complaint', fields: complaintFields, photos: [photo], label: '投诉：价格欺诈' })
const help = (key: string): NewSubmission => ({ key, kind: 'help', json: helpJson, label: '求助：医疗急救' })

const created = (code: string) => json(201, { code, status: 'dispatched', statusName: '已派遣' })
const validation = problem(422, 'validation', '请求参数有误', '未知的商家编号')

/** A device: a queue over `storage`, and the one client over a transport that answers from a handler. */
function device(storage: MemoryStorage, answer: (request: TransportRequest) => TransportResponse | Error) {
  let now = T0
  const calls: TransportRequest[] = []
  const sessions = new SessionStore(new MemoryStorage())
  sessions.set(session())
  const client = createHttpClient({
    baseUrl: 'http://localhost:3000',
    sessions,
    now: () => new Date(now),
    transport: async (request) => {
      calls.push(request)
      const result = answer(request)
      if (result instanceof Error) throw result
      return result
    },
  })
  const read: string[] = []
  const send = createSubmissionSender({
    request: client.request,
    readPhoto: async (ref) => {
      read.push(ref)
      return PHOTO_BYTES.slice().buffer
    },
    newBoundary: () => B,
  })
  const queue = new SubmissionQueue(storage, { now: () => now, random: () => 0 })
  return { queue, send, calls, read, advance: (ms: number) => (now += ms) }
}

const offline = () => new Error('request:fail')
const body = (request: TransportRequest) => Buffer.from(request.data as ArrayBuffer).toString('utf8')

describe('outbox kinds', () => {
  it('sends a help call as JSON to /tourism/help under its Idempotency-Key, without reading any photo', async () => {
    const d = device(new MemoryStorage(), () => created('BA-20261123-000043'))
    const entry = d.queue.enqueue(help('mp-help-1'))
    expect(entry).to.include({ kind: 'help', key: 'mp-help-1' })
    const result = await d.queue.attempt('mp-help-1', d.send)
    expect(result.kind).to.equal('sent')
    expect(result.kind === 'sent' && (result.body as { code: string }).code).to.equal('BA-20261123-000043')
    expect(d.calls).to.have.length(1)
    const [call] = d.calls
    expect(call.method).to.equal('POST')
    expect(call.url).to.equal('http://localhost:3000/api/v1/tourism/help')
    expect(call.header).to.include({ 'Idempotency-Key': 'mp-help-1', 'Content-Type': 'application/json', Authorization: 'Bearer access-1' })
    expect(call.data).to.deep.equal(helpJson)
    expect(call.timeout).to.equal(HELP_TIMEOUT_MS)
    expect(d.read).to.deep.equal([])
    expect(d.queue.list()).to.deep.equal([])
  })

  it('sends a complaint as multipart to /tourism/complaints: its fields in the documented order, then its photos', async () => {
    const d = device(new MemoryStorage(), () => created('BA-20261123-000042'))
    d.queue.enqueue(complaint('mp-c-1'))
    expect((await d.queue.attempt('mp-c-1', d.send)).kind).to.equal('sent')
    const [call] = d.calls
    expect(call.url).to.equal('http://localhost:3000/api/v1/tourism/complaints')
    expect(call.header).to.include({ 'Idempotency-Key': 'mp-c-1', 'Content-Type': `multipart/form-data; boundary=${B}` })
    const text = body(call)
    const names = [...text.matchAll(/; name="([^"]+)"/g)].map((m) => m[1])
    expect(names).to.deep.equal(['category', 'description', 'placeCode', 'phone', 'photos'])
    expect(text).to.contain('海鲜按斤计价，结账时翻了三倍')
    expect(text).to.contain('filename="photo-1.jpg"')
    expect(d.read).to.deep.equal(['idb:k/0'])
  })

  it('sends a complaint without photos as multipart too (0–9 photos)', async () => {
    const d = device(new MemoryStorage(), () => created('BA-20261123-000044'))
    d.queue.enqueue({ ...complaint('mp-c-2'), photos: [] })
    expect((await d.queue.attempt('mp-c-2', d.send)).kind).to.equal('sent')
    expect(body(d.calls[0])).not.to.contain('name="photos"')
  })

  for (const [kind, make, path] of [
    ['complaint', complaint, '/tourism/complaints'],
    ['help', help, '/tourism/help'],
  ] as const) {
    it(`retries a ${kind} with exponential backoff under the same key until the API answers 201`, async () => {
      const answers: (TransportResponse | Error)[] = [offline(), problem(503, 'upstream-unavailable', '服务暂时不可用，请稍后重试'), created('BA-20261123-000050')]
      const d = device(new MemoryStorage(), () => answers.shift()!)
      d.queue.enqueue(make('mp-k'))

      let result = await d.queue.attempt('mp-k', d.send)
      expect(result.kind).to.equal('queued')
      expect(d.queue.get('mp-k')).to.include({ kind, attempts: 1, lastStatus: 0, nextAttemptAt: T0 + BASE_DELAY_MS / 2 })
      expect(await d.queue.flush(d.send), 'not due yet').to.deep.equal([])

      d.advance(BASE_DELAY_MS / 2)
      result = (await d.queue.flush(d.send))[0]
      expect(result.kind).to.equal('queued')
      expect(d.queue.get('mp-k')).to.include({ attempts: 2, lastStatus: 503, nextAttemptAt: T0 + BASE_DELAY_MS / 2 + BASE_DELAY_MS })

      d.advance(BASE_DELAY_MS)
      result = (await d.queue.flush(d.send))[0]
      expect(result.kind).to.equal('sent')
      expect(d.calls.map((c) => c.url)).to.deep.equal(Array(3).fill(`http://localhost:3000/api/v1${path}`))
      expect(d.calls.map((c) => c.header['Idempotency-Key'])).to.deep.equal(['mp-k', 'mp-k', 'mp-k'])
      expect(d.queue.list()).to.deep.equal([])
    })
  }

  it('keeps one entry when the same key is added twice, whatever the kind of the second', () => {
    const storage = new MemoryStorage()
    const d = device(storage, () => created('x'))
    d.queue.enqueue(help('mp-same'))
    expect(() => d.queue.enqueue(help('mp-same'))).to.throw(/duplicate/)
    expect(() => d.queue.enqueue(complaint('mp-same'))).to.throw(/duplicate/)
    expect(d.queue.list().map((e) => [e.key, e.kind])).to.deep.equal([['mp-same', 'help']])
    expect(JSON.parse(storage.get(REPORT_QUEUE_STORAGE_KEY)!)).to.have.length(1)
  })

  it('survives a restart with entries of every kind pending: the new app sends each exactly once, the help call first', async () => {
    const storage = new MemoryStorage()
    const before = device(storage, offline)
    before.queue.enqueue(report('mp-r'))
    before.advance(1000)
    before.queue.enqueue(complaint('mp-c'))
    before.advance(1000)
    before.queue.enqueue(help('mp-h'))
    await before.queue.flush(before.send)
    expect(before.queue.list().map((e) => e.attempts)).to.deep.equal([1, 1, 1])

    // The app is closed and opened again: a new queue, a new client, the same storage.
    let n = 0
    const after = device(storage, () => created(`BA-20261123-00010${++n}`))
    expect(after.queue.list().map((e) => [e.key, e.kind])).to.deep.equal([
      ['mp-r', 'report'],
      ['mp-c', 'complaint'],
      ['mp-h', 'help'],
    ])
    // Two flushes at once (the app shows and the network returns together) share one pass.
    const [first, second] = await Promise.all([after.queue.flush(after.send, { force: true }), after.queue.flush(after.send, { force: true })])
    expect(first).to.equal(second)
    expect(first.map((r) => r.kind)).to.deep.equal(['sent', 'sent', 'sent'])
    expect(await after.queue.flush(after.send, { force: true })).to.deep.equal([])
    expect(after.calls.map((c) => [c.url.replace('http://localhost:3000/api/v1', ''), c.header['Idempotency-Key']])).to.deep.equal([
      ['/tourism/help', 'mp-h'],
      ['/reports', 'mp-r'],
      ['/tourism/complaints', 'mp-c'],
    ])
    expect(storage.get(REPORT_QUEUE_STORAGE_KEY)).to.equal(null)
  })

  it('reads an entry stored before kinds existed as a report and sends it to /reports as multipart', async () => {
    const storage = new MemoryStorage()
    // Exactly what the previous version of the app wrote: no `kind`.
    const stored = {
      key: 'mp-old',
      fields: reportFields,
      photos: [photo],
      label: '道路破损',
      createdAt: T0 - 60_000,
      attempts: 2,
      nextAttemptAt: T0,
      lastError: '网络不可用，请稍后重试',
      lastStatus: 0,
    }
    storage.set(REPORT_QUEUE_STORAGE_KEY, JSON.stringify([stored]))
    const d = device(storage, () => created('BA-20261123-000001'))
    const [entry] = d.queue.list()
    expect(entry).to.include({ key: 'mp-old', kind: 'report', attempts: 2, label: '道路破损' })
    expect(entry.fields).to.deep.equal(reportFields)
    const [result] = await d.queue.flush(d.send)
    expect(result.kind).to.equal('sent')
    expect(d.calls[0].url).to.equal('http://localhost:3000/api/v1/reports')
    expect(d.calls[0].header['Idempotency-Key']).to.equal('mp-old')
    expect(body(d.calls[0])).to.contain('name="category"\r\n\r\nroad-damage')
  })

  it('leaves out a stored entry of a kind it does not know, and a help call without its body', () => {
    const storage = new MemoryStorage()
    const base = { fields: {}, photos: [], label: '', createdAt: T0, attempts: 0, nextAttemptAt: T0 }
    const entries = [
      { ...base, key: 'a', kind: 'parcel' },
      { ...base, key: 'b', kind: 'help' },
      { ...base, key: 'c', kind: 'complaint' },
    ]
    storage.set(REPORT_QUEUE_STORAGE_KEY, JSON.stringify(entries))
    expect(device(storage, offline).queue.list().map((e) => e.key)).to.deep.equal(['c'])
  })

  it('drops a complaint the API refuses as invalid (422) and hands back its message and field errors', async () => {
    const d = device(new MemoryStorage(), () => ({
      ...validation,
      data: { ...(validation.data as object), errors: [{ field: 'placeCode', message: '未知的商家编号' }] },
    }))
    d.queue.enqueue(complaint('mp-bad'))
    const result = await d.queue.attempt('mp-bad', d.send)
    expect(result.kind).to.equal('dropped')
    if (result.kind !== 'dropped') return
    expect(result.message).to.equal('未知的商家编号')
    expect((result.error as { fieldMessage(f: string): string | undefined }).fieldMessage('placeCode')).to.equal('未知的商家编号')
    expect(d.queue.list()).to.deep.equal([])
    expect(d.calls).to.have.length(1)
  })

  it('drops a help call refused with a 4xx (outside every island) and does not send it again', async () => {
    const d = device(new MemoryStorage(), () => problem(422, 'outside-islands', '位置不在服务范围内', '该位置距离所有海岛都超过 30 公里'))
    d.queue.enqueue(help('mp-far'))
    const result = await d.queue.attempt('mp-far', d.send)
    expect(result).to.include({ kind: 'dropped', message: '该位置距离所有海岛都超过 30 公里' })
    d.advance(BASE_DELAY_MS * 10)
    expect(await d.queue.flush(d.send, { force: true })).to.deep.equal([])
    expect(d.calls).to.have.length(1)
  })

  it('keeps a help call when the person must sign in again (401), and says so in its own words when too old', async () => {
    const d = device(new MemoryStorage(), () => problem(401, 'unauthenticated', '未登录'))
    d.queue.enqueue(help('mp-401'))
    expect((await d.queue.attempt('mp-401', d.send)).kind).to.equal('queued')
    d.advance(MAX_AGE_MS + 1)
    expect(await d.queue.attempt('mp-401', d.send)).to.include({ kind: 'dropped', message: tooOldMessage('help') })
    expect(tooOldMessage('help')).to.contain('求助')
  })

  it('refuses a help call without its JSON body', () => {
    const d = device(new MemoryStorage(), offline)
    expect(() => d.queue.enqueue({ key: 'mp-x', kind: 'help', label: '' })).to.throw(/JSON/)
    expect(d.queue.list()).to.deep.equal([])
  })
})
