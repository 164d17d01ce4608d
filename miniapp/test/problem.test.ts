import { expect } from 'chai'
import { ApiError, isApiError, NETWORK_MESSAGE, networkError, parseBody, problemFromResponse, userMessage } from '../src/services/problem'

describe('problem', () => {
  describe('problemFromResponse', () => {
    it('reads a validation problem with its field errors', () => {
      const error = problemFromResponse(422, {
        type: 'https://weave.city/problems/validation',
        title: '请求参数有误',
        status: 422,
        detail: '描述不能为空',
        instance: '/api/v1/reports',
        requestId: 'req-1',
        errors: [{ field: 'description', message: '至少 5 个字' }, { field: 'photos' }],
      })
      expect(error).to.be.instanceOf(ApiError)
      expect(error.status).to.equal(422)
      expect(error.code).to.equal('validation')
      expect(error.title).to.equal('请求参数有误')
      expect(error.detail).to.equal('描述不能为空')
      expect(error.requestId).to.equal('req-1')
      expect(error.errors).to.deep.equal([{ field: 'description', message: '至少 5 个字' }])
      expect(error.fieldMessage('description')).to.equal('至少 5 个字')
      expect(error.fieldMessage('photos')).to.equal(undefined)
    })

    it('parses a problem the mini-program left as JSON text', () => {
      const body = JSON.stringify({ type: 'https://weave.city/problems/upstream-unavailable', title: '微信服务暂时不可用', status: 503 })
      const error = problemFromResponse(503, body)
      expect(error.code).to.equal('upstream-unavailable')
      expect(error.title).to.equal('微信服务暂时不可用')
      expect(error.detail).to.equal(undefined)
    })

    const fallbacks: Array<[number, unknown, string, string]> = [
      [502, '<html>Bad Gateway</html>', 'internal', '服务暂时不可用，请稍后重试'],
      [503, '', 'upstream-unavailable', '服务暂时不可用，请稍后重试'],
      [401, null, 'unauthenticated', '请先登录'],
      [404, { message: 'nope' }, 'not-found', '未找到相关内容'],
      [418, undefined, 'http-418', '请求失败（418）'],
    ]
    for (const [status, body, code, title] of fallbacks) {
      it(`gives a ${status} answer without a problem document the Chinese title 「${title}」`, () => {
        const error = problemFromResponse(status, body)
        expect(error.status).to.equal(status)
        expect(error.code).to.equal(code)
        expect(error.title).to.equal(title)
      })
    }

    it('prefers the status inside the problem document', () => {
      expect(problemFromResponse(400, { type: 'https://weave.city/problems/conflict', title: '重复', status: 409 }).status).to.equal(409)
    })
  })

  describe('userMessage', () => {
    it('shows the detail when there is one, else the title', () => {
      expect(userMessage(new ApiError({ status: 401, type: 'x/unauthenticated', title: '未登录', detail: '微信登录凭证无效' }))).to.equal('微信登录凭证无效')
      expect(userMessage(new ApiError({ status: 503, type: 'x/upstream-unavailable', title: '微信服务暂时不可用' }))).to.equal('微信服务暂时不可用')
    })

    it('says the network is unavailable for a network error', () => {
      const error = networkError()
      expect(error.status).to.equal(0)
      expect(error.code).to.equal('network')
      expect(userMessage(error)).to.equal(NETWORK_MESSAGE)
      expect(NETWORK_MESSAGE).to.equal('网络不可用，请稍后重试')
    })

    it('never shows a defect\'s English text to a person', () => {
      expect(userMessage(new TypeError('Cannot read properties of undefined'))).to.equal('操作失败，请稍后重试')
      expect(userMessage(undefined)).to.equal('操作失败，请稍后重试')
      expect(userMessage(new Error('定位失败'))).to.equal('定位失败')
    })
  })

  it('recognises an ApiError by its brand, not only by instanceof', () => {
    expect(isApiError(networkError())).to.equal(true)
    expect(isApiError({ isApiError: true })).to.equal(true)
    expect(isApiError(new Error('x'))).to.equal(false)
    expect(isApiError(null)).to.equal(false)
  })

  it('parses only JSON-looking text', () => {
    expect(parseBody('{"a":1}')).to.deep.equal({ a: 1 })
    expect(parseBody('  ')).to.equal(undefined)
    expect(parseBody('plain')).to.equal('plain')
    expect(parseBody('{broken')).to.equal('{broken')
    expect(parseBody({ a: 1 })).to.deep.equal({ a: 1 })
  })
})
