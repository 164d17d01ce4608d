import { expect } from 'chai'
import { ApiError, NETWORK_MESSAGE, networkError, problemFromResponse } from '../src/services/problem'
import {
  BASE_DELAY_MS,
  MAX_DELAY_MS,
  MAX_AGE_MS,
  PHOTOS_LOST_MESSAGE,
  REPORT_QUEUE_STORAGE_KEY,
  TOO_OLD_MESSAGE,
  ReportQueue,
  backoffDelayMs,
  shouldRetry,
  type QueuedReport,
} from '../src/services/report-queue'
import { MemoryStorage } from './helpers'

const T0 = Date.parse('2026-11-23T12:00:00.000Z')

function clock(start = T0) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

const fields = { category: 'road-damage', description: '井盖缺失', lat: '22.5431', lng: '113.8829', coordSystem: 'gcj02', anonymous: 'false' }
const photos = [{ ref: 'wxfile://usr/report-outbox/k-0.jpg', filename: 'photo-1.jpg', contentType: 'image/jpeg' }]

function setup(options: { storage?: MemoryStorage; random?: () => number } = {}) {
  const storage = options.storage ?? new MemoryStorage()
  const time = clock()
  const released: string[] = []
  const queue = new ReportQueue(storage, {
    now: time.now,
    random: options.random ?? (() => 0),
    release: (entry) => {
      released.push(entry.key)
    },
  })
  return { storage, time, queue, released }
}

/** A sender that answers from a script and records the Idempotency-Key of every attempt. */
function scripted(...answers: (unknown | Error)[]) {
  const keys: string[] = []
  const send = async (entry: QueuedReport) => {
    keys.push(entry.key)
    const answer = answers.shift()
    if (answer instanceof Error) throw answer
    return answer
  }
  return { send, keys }
}

const created = { code: 'BA-20261123-000001', status: 'dispatched', statusName: '已派遣', duplicates: [] }
const problem = (status: number) => problemFromResponse(status, { type: `https://weave.city/problems/x-${status}`, title: `错误 ${status}`, status })

describe('report queue', () => {
  it('keeps a new report in storage, due at once, under its own key', () => {
    const { queue, storage } = setup()
    const entry = queue.enqueue({ key: 'mp-key-1', fields, photos, label: '道路破损' })
    expect(entry).to.include({ key: 'mp-key-1', attempts: 0, nextAttemptAt: T0, createdAt: T0, label: '道路破损' })
    expect(queue.due().map((e) => e.key)).to.deep.equal(['mp-key-1'])
    expect(JSON.parse(storage.get(REPORT_QUEUE_STORAGE_KEY)!)).to.have.length(1)
  })

  it('survives an app restart: a new queue over the same storage finds the report and sends it', async () => {
    const storage = new MemoryStorage()
    const first = setup({ storage })
    first.queue.enqueue({ key: 'mp-key-1', fields, photos, label: '道路破损' })
    await first.queue.attempt('mp-key-1', scripted(networkError()).send)

    const restarted = setup({ storage })
    const [entry] = restarted.queue.list()
    expect(entry).to.include({ key: 'mp-key-1', attempts: 1, lastError: NETWORK_MESSAGE })
    expect(entry.fields).to.deep.equal(fields)
    expect(entry.photos).to.deep.equal(photos)
    const { send, keys } = scripted(created)
    const [result] = await restarted.queue.flush(send, { force: true })
    expect(result.kind).to.equal('sent')
    expect(keys).to.deep.equal(['mp-key-1'])
    expect(restarted.queue.list()).to.deep.equal([])
    expect(storage.get(REPORT_QUEUE_STORAGE_KEY)).to.equal(null)
  })

  it('removes the report and frees its photos on 2xx, handing back the body', async () => {
    const { queue, released } = setup()
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    const result = await queue.attempt('mp-key-1', scripted(created).send)
    expect(result).to.deep.include({ kind: 'sent', body: created })
    expect(queue.list()).to.deep.equal([])
    expect(released).to.deep.equal(['mp-key-1'])
  })

  it('retries a lost network and a 5xx with exponential backoff, sending the same key every time, until 201', async () => {
    const { queue, time } = setup({ random: () => 0 })
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    const { send, keys } = scripted(networkError(), problem(503), problem(500), created)

    let result = await queue.attempt('mp-key-1', send)
    expect(result.kind).to.equal('queued')
    expect(queue.get('mp-key-1')).to.include({ attempts: 1, nextAttemptAt: T0 + BASE_DELAY_MS / 2, lastStatus: 0 })

    // Not due yet: a flush leaves it alone.
    expect(await queue.flush(send)).to.deep.equal([])
    time.advance(BASE_DELAY_MS / 2)
    result = (await queue.flush(send))[0]
    expect(result.kind).to.equal('queued')
    expect(queue.get('mp-key-1')).to.include({ attempts: 2, lastStatus: 503, nextAttemptAt: time.now() + BASE_DELAY_MS })

    time.advance(BASE_DELAY_MS)
    await queue.flush(send)
    expect(queue.get('mp-key-1')).to.include({ attempts: 3, lastStatus: 500, nextAttemptAt: time.now() + BASE_DELAY_MS * 2 })

    time.advance(BASE_DELAY_MS * 2)
    result = (await queue.flush(send))[0]
    expect(result.kind).to.equal('sent')
    expect(keys).to.deep.equal(['mp-key-1', 'mp-key-1', 'mp-key-1', 'mp-key-1'])
    expect(queue.list()).to.deep.equal([])
  })

  it('drops a report the API refuses for good (422) and says why', async () => {
    const { queue, released } = setup()
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    const refusal = problemFromResponse(422, { type: 'https://weave.city/problems/validation', title: '请求参数有误', status: 422, detail: '该位置不在任何网格内' })
    const result = await queue.attempt('mp-key-1', scripted(refusal).send)
    expect(result.kind).to.equal('dropped')
    expect(result.kind === 'dropped' && result.message).to.equal('该位置不在任何网格内')
    expect(queue.list()).to.deep.equal([])
    expect(released).to.deep.equal(['mp-key-1'])
  })

  it('gives a report back instead of sending it once it is older than the 7 days the API keeps its key', async () => {
    const { queue, time } = setup()
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    time.advance(MAX_AGE_MS - 1000)
    const failed = await queue.attempt('mp-key-1', scripted(networkError()).send)
    expect(failed.kind).to.equal('queued')
    time.advance(2000)
    const { send, keys } = scripted(created)
    const result = await queue.attempt('mp-key-1', send)
    expect(result).to.include({ kind: 'dropped', message: TOO_OLD_MESSAGE })
    expect(keys).to.deep.equal([])
    expect(queue.list()).to.deep.equal([])
  })

  it('drops a report whose photos can no longer be read', async () => {
    const { queue } = setup()
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    const result = await queue.attempt('mp-key-1', scripted(new Error('ENOENT')).send)
    expect(result).to.include({ kind: 'dropped', message: PHOTOS_LOST_MESSAGE })
    expect(queue.list()).to.deep.equal([])
  })

  describe('which failures are retried', () => {
    const table: [string, unknown, boolean][] = [
      ['no answer (network)', networkError(), true],
      ['500 internal', problem(500), true],
      ['502 bad gateway', problem(502), true],
      ['503 upstream unavailable', problem(503), true],
      ['408 timeout', problem(408), true],
      ['409 a request under this key is still running', problem(409), true],
      ['429 rate limited', problem(429), true],
      ['401 signed out (waits for sign-in)', problem(401), true],
      ['400 broken multipart', problem(400), false],
      ['403 forbidden', problem(403), false],
      ['404 not found', problem(404), false],
      ['413 file over 10 MB', problem(413), false],
      ['415 not an image', problem(415), false],
      ['422 validation / outside every grid / key reused', problem(422), false],
      ['a photo that cannot be read', new Error('gone'), false],
      ['an ApiError-looking plain object without the brand', { status: 503 }, false],
    ]
    for (const [name, error, retry] of table) {
      it(`${retry ? 'retries' : 'drops'}: ${name}`, () => {
        expect(shouldRetry(error)).to.equal(retry)
      })
    }
  })

  describe('backoff', () => {
    it('doubles per failure, from half to all of the ceiling with jitter, capped at 30 minutes', () => {
      // failures → ceiling; the delay lies in [ceiling/2, ceiling]
      const table: [number, number][] = [
        [1, 15_000],
        [2, 30_000],
        [3, 60_000],
        [5, 240_000],
        [8, 1_800_000],
        [40, MAX_DELAY_MS],
      ]
      for (const [failures, ceiling] of table) {
        expect(backoffDelayMs(failures, () => 0), `failures ${failures}, no jitter`).to.equal(ceiling / 2)
        expect(backoffDelayMs(failures, () => 1), `failures ${failures}, full jitter`).to.equal(ceiling)
      }
      expect(backoffDelayMs(1, () => 0.5)).to.equal(11_250)
    })
  })

  it('never puts one key on the wire twice at once: a second attempt joins the first', async () => {
    const { queue } = setup()
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    let release!: (value: unknown) => void
    let sends = 0
    const send = () => {
      sends += 1
      return new Promise((resolve) => (release = resolve))
    }
    const a = queue.attempt('mp-key-1', send)
    const b = queue.attempt('mp-key-1', send)
    expect(queue.isInFlight('mp-key-1')).to.equal(true)
    const flushed = queue.flush(send)
    release(created)
    expect((await a).kind).to.equal('sent')
    expect((await b).kind).to.equal('sent')
    await flushed
    expect(sends).to.equal(1)
    expect(queue.isInFlight('mp-key-1')).to.equal(false)
  })

  it('flushes due reports oldest first, each under its own key', async () => {
    const { queue, time } = setup()
    queue.enqueue({ key: 'mp-a', fields, photos, label: '' })
    time.advance(1000)
    queue.enqueue({ key: 'mp-b', fields, photos, label: '' })
    const { send, keys } = scripted(created, { ...created, code: 'BA-20261123-000002' })
    const results = await queue.flush(send)
    expect(keys).to.deep.equal(['mp-a', 'mp-b'])
    expect(results.map((r) => r.kind)).to.deep.equal(['sent', 'sent'])
  })

  it('leaves a report the person gave up gone, even if its attempt then fails', async () => {
    const { queue } = setup()
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    let fail!: (error: unknown) => void
    const attempt = queue.attempt('mp-key-1', () => new Promise((_, reject) => (fail = reject)))
    await queue.remove('mp-key-1')
    fail(networkError())
    expect((await attempt).kind).to.equal('queued')
    expect(queue.list()).to.deep.equal([])
  })

  it('answers `missing` for a key it does not hold', async () => {
    const { queue } = setup()
    expect(await queue.attempt('nope', scripted(created).send)).to.deep.equal({ kind: 'missing', key: 'nope' })
  })

  it('refuses a second report under a key it already holds', () => {
    const { queue } = setup()
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    expect(() => queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })).to.throw(/duplicate/)
  })

  it('reads corrupt or foreign storage as an empty queue', () => {
    for (const raw of ['{', '"text"', '{"a":1}', '[{"key":""}]', '[null, 3]']) {
      const storage = new MemoryStorage()
      storage.set(REPORT_QUEUE_STORAGE_KEY, raw)
      expect(setup({ storage }).queue.list(), raw).to.deep.equal([])
    }
  })

  it('tells subscribers about every change, and reports the next attempt time', async () => {
    const { queue } = setup()
    const seen: number[] = []
    const stop = queue.subscribe((entries) => seen.push(entries.length))
    expect(queue.nextAttemptAt()).to.equal(null)
    queue.enqueue({ key: 'mp-key-1', fields, photos, label: '' })
    await queue.attempt('mp-key-1', scripted(new ApiError({ status: 0, type: 'network', title: NETWORK_MESSAGE })).send)
    expect(queue.nextAttemptAt()).to.equal(T0 + BASE_DELAY_MS / 2)
    stop()
    await queue.remove('mp-key-1')
    expect(seen[0]).to.equal(1)
    expect(seen[seen.length - 1]).to.equal(1)
    expect(seen.length).to.be.greaterThan(2)
  })
})
