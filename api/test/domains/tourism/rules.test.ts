// The pure rules of island tourist services: phones, opening hours, the island serving a position, city days,
// and the spatial index of the nearby search.
import { expect } from 'chai';
import { cityDayStart, isOpenAt, isPhone, nearestIsland, parseOpeningHours } from '../../../src/domains/tourism/rules';
import { nearDistanceMeters, PlaceIndex } from '../../../src/domains/tourism/place-index';
import { parsePlaceLine } from '../../../src/domains/tourism/place-import';
import { distanceMeters } from '../../../src/domains/events/rules';

describe('tourism rules', () => {
  it('accepts mainland mobiles and landlines with an area code, nothing else', () => {
    for (const ok of ['13926900101', '19912345678', '0756-8850001', '075588500012', '010-12345678']) expect(isPhone(ok), ok).to.equal(true);
    for (const bad of ['12345678901', '1392690010', '139269001011', '8850001', '0756-88', '+8613926900101', '']) expect(isPhone(bad), bad).to.equal(false);
  });

  it('reads opening hours as ranges, including all day and past midnight', () => {
    expect(parseOpeningHours('08:00-14:00,17:00-22:00')).to.deep.equal([[480, 840], [1020, 1320]]);
    expect(parseOpeningHours('00:00-24:00')).to.deep.equal([[0, 1440]]);
    expect(parseOpeningHours('18:00-02:00')).to.deep.equal([[1080, 120]]);
    for (const bad of ['', '8:00-14:00', '08:00', '08:00-08:00', '24:00-08:00', '08:00-25:00', '08:00-14:00-16:00', 'abc']) expect(parseOpeningHours(bad), bad).to.equal(null);
  });

  const table: [string, number, boolean][] = [
    ['08:00-14:00,17:00-22:00', 7 * 60 + 59, false], ['08:00-14:00,17:00-22:00', 8 * 60, true], ['08:00-14:00,17:00-22:00', 14 * 60, false],
    ['08:00-14:00,17:00-22:00', 21 * 60 + 59, true], ['00:00-24:00', 0, true], ['00:00-24:00', 1439, true],
    ['18:00-02:00', 23 * 60, true], ['18:00-02:00', 60, true], ['18:00-02:00', 2 * 60, false], ['18:00-02:00', 12 * 60, false],
  ];
  for (const [hours, minute, open] of table) {
    it(`${hours} at ${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')} is ${open ? 'open' : 'closed'}`, () => {
      expect(isOpenAt(parseOpeningHours(hours)!, minute)).to.equal(open);
    });
  }

  it('serves a position from the nearest island within 30 km, and none farther', () => {
    const islands = [{ id: 1, lat: 22.13, lng: 113.82 }, { id: 2, lat: 22.01, lng: 113.70 }];
    expect(nearestIsland(islands, { lat: 22.12, lng: 113.80 })?.id).to.equal(1);
    expect(nearestIsland(islands, { lat: 22.02, lng: 113.71 })?.id).to.equal(2);
    // A boat 20 km south of the second island is still its concern; the Bao'an shore, 50 km away, is nobody's.
    expect(nearestIsland(islands, { lat: 21.83, lng: 113.70 })?.id).to.equal(2);
    expect(nearestIsland(islands, { lat: 22.555, lng: 113.883 })).to.equal(null);
    expect(nearestIsland([], { lat: 22, lng: 113 })).to.equal(null);
  });

  it('begins a city day at local midnight', () => {
    expect(cityDayStart('2026-11-23', 'Asia/Shanghai').toISOString()).to.equal('2026-11-22T16:00:00.000Z');
    expect(cityDayStart('2026-11-23', 'Asia/Shanghai', 1).toISOString()).to.equal('2026-11-23T16:00:00.000Z');
    expect(cityDayStart('2026-12-31', 'Asia/Shanghai', 1).toISOString()).to.equal('2026-12-31T16:00:00.000Z');
  });

  it('checks each column of a places import line and stores positions in WGS-84', () => {
    const good = parsePlaceLine({ code: 'GS-R-900', name: '新开海鲜馆', kind: 'restaurant', island_code: 'GS', lat: '22.1355', lng: '113.8235', coord_system: 'gcj02', address: '桂山岛码头路 1 号', phone: '0756-8850999', opening_hours: '10:00-22:00', active: '' });
    expect(good.ok).to.equal(true);
    if (good.ok) {
      expect(good.row.active).to.equal(true);
      // GCJ-02 sits a few hundred metres off WGS-84 here.
      expect(distanceMeters(good.row, { lat: 22.1355, lng: 113.8235 })).to.be.within(200, 800);
    }
    const bad = parsePlaceLine({ code: 'x', name: '', kind: 'bar', island_code: '', lat: '95', lng: 'east', coord_system: 'bd09', address: '', phone: '123', opening_hours: '8-22', active: 'maybe' });
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).to.deep.equal(['code', 'name', 'kind', 'island_code', 'lat', 'lng', 'coord_system', 'address', 'phone', 'opening_hours', 'active']);
  });
});

describe('PlaceIndex', () => {
  const at = (id: number, north: number, east: number, kind = 'restaurant', active = true) => ({ id, kind, active, lat: 22.13 + north / 111_320, lng: 113.82 + east / (111_320 * Math.cos((22.13 * Math.PI) / 180)) });
  const centre = { lat: 22.13, lng: 113.82 };

  it('finds the places within the radius, nearest first, with their distance, across cell borders', () => {
    // Places on every side, some across the 0.01° cell borders near the centre.
    const index = new PlaceIndex([at(1, 900, 0), at(2, -300, 0), at(3, 0, 1_500), at(4, 0, -2_500), at(5, 50, 50), at(6, -1_999, 0)]);
    const found = index.nearby(centre, 2_000, { limit: 10 });
    expect(found.map((f) => f.place.id)).to.deep.equal([5, 2, 1, 3, 6]);
    expect(found[0].distanceM).to.be.within(69, 73);
    expect(found.every((f, i) => i === 0 || f.distanceM >= found[i - 1].distanceM)).to.equal(true);
  });

  it('filters by kind, skips inactive places and honours the limit', () => {
    const index = new PlaceIndex([at(1, 10, 0, 'hotel'), at(2, 20, 0, 'clinic'), at(3, 30, 0, 'hotel', false), at(4, 40, 0, 'hotel'), at(5, 50, 0, 'police')]);
    expect(index.size).to.equal(4);
    expect(index.nearby(centre, 1_000, { kinds: ['hotel'], limit: 10 }).map((f) => f.place.id)).to.deep.equal([1, 4]);
    expect(index.nearby(centre, 1_000, { kinds: ['clinic', 'police'], limit: 10 }).map((f) => f.place.id)).to.deep.equal([2, 5]);
    expect(index.nearby(centre, 1_000, { limit: 2 }).map((f) => f.place.id)).to.deep.equal([1, 2]);
    expect(index.nearby(centre, 5, { limit: 10 })).to.deep.equal([]);
  });

  it('measures short distances within a metre of the haversine formula', () => {
    for (const [north, east] of [[0, 0], [100, 0], [0, 2_000], [-5_000, 5_000], [14_000, -14_000]]) {
      const p = at(1, north, east);
      expect(Math.abs(nearDistanceMeters(centre, p) - distanceMeters(centre, p))).to.be.below(1);
    }
  });

  it('agrees with a brute-force search over random places', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const places = Array.from({ length: 2_000 }, (_, i) => at(i + 1, (random() - 0.5) * 10_000, (random() - 0.5) * 10_000, random() < 0.5 ? 'hotel' : 'restaurant'));
    const index = new PlaceIndex(places);
    for (let q = 0; q < 20; q++) {
      const point = { lat: 22.13 + (random() - 0.5) * 0.05, lng: 113.82 + (random() - 0.5) * 0.05 };
      const radius = 200 + random() * 3_000;
      for (const [limit, kinds] of [[30, undefined], [5, undefined], [12, ['hotel']]] as const) {
        const expected = places.filter((p) => !kinds || (kinds as readonly string[]).includes(p.kind)).map((p) => ({ id: p.id, d: nearDistanceMeters(point, p) }))
          .filter((p) => p.d <= radius).sort((a, b) => a.d - b.d || a.id - b.id).slice(0, limit).map((p) => p.id);
        expect(index.nearby(point, radius, { limit, kinds }).map((f) => f.place.id)).to.deep.equal(expected);
      }
    }
  });

  it('finds places in an empty index, at the edges of its box, and across a box too large for small cell keys', () => {
    expect(new PlaceIndex([]).nearby(centre, 2_000, { limit: 5 })).to.deep.equal([]);
    // Places only north-east of the point: the search reads cells outside the occupied box first.
    const edge = new PlaceIndex([at(1, 500, 500), at(2, 900, 900)]);
    expect(edge.nearby(at(0, -400, -400), 3_000, { limit: 5 }).map((f) => f.place.id)).to.deep.equal([1, 2]);
    // One place near Sanya, one in Heilongjiang, one in the Pacific: the box spans more cells than a small integer holds.
    const far = [{ id: 1, kind: 'hotel', active: true, lat: 18.25, lng: 109.5 }, { id: 2, kind: 'hotel', active: true, lat: 53.0, lng: 122.5 }, { id: 3, kind: 'hotel', active: true, lat: -40, lng: -170 }];
    const wide = new PlaceIndex(far);
    expect(wide.nearby({ lat: 18.2501, lng: 109.5001 }, 1_000, { limit: 5 }).map((f) => f.place.id)).to.deep.equal([1]);
    expect(wide.nearby({ lat: 53.0, lng: 122.5 }, 10, { limit: 5 }).map((f) => f.place.id)).to.deep.equal([2]);
    expect(wide.nearby({ lat: -40, lng: -170 }, 10, { limit: 5 }).map((f) => f.place.id)).to.deep.equal([3]);
  });
});
