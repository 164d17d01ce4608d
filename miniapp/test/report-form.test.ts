import { expect } from 'chai'
import type { Category } from '../src/services/events'
import {
  contentTypeForPath,
  emptyDraft,
  fitWithin,
  groupCategories,
  locationFailureMessage,
  orderedFields,
  parseCoordinate,
  photoFilename,
  photoSlotsLeft,
  reportFields,
  validateDraft,
  type ReportDraft,
} from '../src/services/report-form'

function draft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    ...emptyDraft(),
    categoryCode: 'road-damage',
    photos: [{ path: 'blob:1', contentType: 'image/jpeg', size: 200_000 }],
    lat: '22.5431',
    lng: '113.8829',
    description: '人行道地砖破损',
    ...overrides,
  }
}

const photo = { path: 'p', contentType: 'image/jpeg' }

describe('report form', () => {
  describe('checks', () => {
    it('accepts a complete draft', () => {
      expect(validateDraft(draft())).to.deep.equal([])
    })

    it('lists every missing piece of an empty draft, in the order of the form', () => {
      expect(validateDraft(emptyDraft()).map((p) => p.field)).to.deep.equal(['category', 'photos', 'lat', 'description'])
      expect(validateDraft(emptyDraft())[2].message).to.contain('手动填写')
    })

    const table: [string, Partial<ReportDraft>, string, string][] = [
      ['10 photos', { photos: Array(10).fill(photo) }, 'photos', '最多 9 张'],
      ['a photo over 10 MB', { photos: [{ ...photo, size: 10 * 1024 * 1024 + 1 }] }, 'photos', '10 MB'],
      ['a latitude out of range', { lat: '91' }, 'lat', '纬度'],
      ['a longitude that is not a number', { lng: '东经113' }, 'lng', '经度'],
      ['only a latitude', { lng: '' }, 'lng', '经度'],
      ['a blank description', { description: '   ' }, 'description', '描述'],
      ['501 characters', { description: '坑'.repeat(501) }, 'description', '500'],
    ]
    for (const [name, overrides, field, text] of table) {
      it(`refuses ${name}`, () => {
        const problems = validateDraft(draft(overrides))
        expect(problems.map((p) => p.field)).to.deep.equal([field])
        expect(problems[0].message).to.contain(text)
      })
    }

    it('accepts exactly 9 photos and exactly 500 characters', () => {
      expect(validateDraft(draft({ photos: Array(9).fill(photo), description: '坑'.repeat(500) }))).to.deep.equal([])
      expect(photoSlotsLeft(draft({ photos: Array(9).fill(photo) }))).to.equal(0)
      expect(photoSlotsLeft(draft())).to.equal(8)
    })
  })

  describe('typed coordinates', () => {
    const table: [string, 'lat' | 'lng', number | null][] = [
      ['22.5431', 'lat', 22.5431],
      [' 113.8829 ', 'lng', 113.8829],
      ['-33.86', 'lat', -33.86],
      ['２２．５４', 'lat', 22.54],
      ['22。54', 'lat', 22.54],
      ['90', 'lat', 90],
      ['90.0001', 'lat', null],
      ['180', 'lng', 180],
      ['181', 'lng', null],
      ['', 'lat', null],
      ['22,54', 'lat', null],
      ['1e2', 'lng', null],
      ['N22.5', 'lat', null],
    ]
    for (const [input, axis, expected] of table) {
      it(`reads ${JSON.stringify(input)} as ${axis} ${expected}`, () => {
        expect(parseCoordinate(input, axis)).to.equal(expected)
      })
    }
  })

  describe('fields of POST /reports', () => {
    it('sends every documented field as text, coordinates rounded to 6 decimals, anonymous as true/false', () => {
      const fields = reportFields(draft({ lat: '22.54312345', address: ' 河东社区 12 号 ', anonymous: true, description: ' 地砖破损 ' }), 'gcj02')
      expect(fields).to.deep.equal({
        category: 'road-damage',
        description: '地砖破损',
        lat: '22.543123',
        lng: '113.8829',
        coordSystem: 'gcj02',
        address: '河东社区 12 号',
        anonymous: 'true',
      })
    })

    it('leaves out an empty address and says the coordinate system of the point', () => {
      const fields = reportFields(draft(), 'wgs84')
      expect(fields).to.not.have.property('address')
      expect(fields.coordSystem).to.equal('wgs84')
      expect(fields.anonymous).to.equal('false')
    })

    it('orders the fields as docs/api.md lists them', () => {
      const names = orderedFields({ anonymous: 'false', lat: '1', category: 'c', coordSystem: 'gcj02', description: 'd', lng: '2', address: 'a' }).map((f) => f.name)
      expect(names).to.deep.equal(['category', 'description', 'lat', 'lng', 'coordSystem', 'address', 'anonymous'])
    })

    it('refuses to build fields from an invalid draft', () => {
      expect(() => reportFields(draft({ lat: 'x' }), 'gcj02')).to.throw()
    })
  })

  describe('photos', () => {
    const sizes: [number, number, number, number, boolean][] = [
      [4032, 3024, 1600, 1200, true],
      [3024, 4032, 1200, 1600, true],
      [1600, 900, 1600, 900, false],
      [800, 600, 800, 600, false],
      [6000, 1000, 1600, 267, true],
      [0, 100, 0, 0, false],
    ]
    for (const [w, h, ew, eh, scaled] of sizes) {
      it(`fits ${w}×${h} within 1600 px as ${ew}×${eh}`, () => {
        expect(fitWithin(w, h)).to.deep.equal({ width: ew, height: eh, scaled })
      })
    }

    it('names files and types from the path', () => {
      expect(contentTypeForPath('wxfile://tmp_abc.jpg')).to.equal('image/jpeg')
      expect(contentTypeForPath('http://tmp/abc.PNG')).to.equal('image/png')
      expect(contentTypeForPath('blob:http://x/uuid')).to.equal('image/jpeg')
      expect(photoFilename(0, 'image/jpeg')).to.equal('photo-1.jpg')
      expect(photoFilename(8, 'image/png')).to.equal('photo-9.png')
    })
  })

  it('groups active categories by level, most urgent first', () => {
    const category = (code: string, level: number, active = true): Category => ({
      code,
      name: code,
      level,
      levelName: `L${level}`,
      unitType: null,
      unitTypeName: null,
      responseHours: null,
      resolutionHours: null,
      autoDispatch: true,
      active,
    })
    const groups = groupCategories([category('litter', 5), category('gas-leak', 1), category('pothole', 4), category('drain', 4), category('old', 1, false)])
    expect(groups.map((g) => [g.level, g.items.map((c) => c.code)])).to.deep.equal([
      [1, ['gas-leak']],
      [4, ['pothole', 'drain']],
      [5, ['litter']],
    ])
  })

  it('explains a refused, timed-out or failed location in Chinese and points at the manual fields', () => {
    expect(locationFailureMessage('getLocation:fail auth deny')).to.contain('未获得定位权限')
    expect(locationFailureMessage('User denied Geolocation')).to.contain('未获得定位权限')
    expect(locationFailureMessage('getLocation:fail timeout')).to.contain('定位超时')
    expect(locationFailureMessage(undefined)).to.contain('手动填写')
  })
})
