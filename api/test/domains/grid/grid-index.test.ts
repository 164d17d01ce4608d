import { expect } from 'chai';
import { GridIndex, locateByScan, toGcj02, toWgs84, areaKm2, polygonProblems } from '../../../src/domains/grid';
import { lattice, type LatticeSpec } from '../../../src/db/seed/lattice';
import { DEMO_LATTICE } from '../../../src/db/seed/demo';

const square = (x: number, y: number, s = 1) => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];

describe('point → grid index', () => {
  // Two unit squares side by side (ids 7 and 3) and a hole-free gap to the right.
  const index = new GridIndex([{ id: 7, polygon: square(0, 0) }, { id: 3, polygon: square(1, 0) }]);
  const cases: [string, number, number, number | null][] = [
    ['inside the first', 0.5, 0.5, 7],
    ['inside the second', 1.5, 0.2, 3],
    ['on the shared border: the smaller id', 1, 0.5, 3],
    ['on an outer corner', 0, 0, 7],
    ['outside every grid', 2.5, 0.5, null],
    ['inside the bounding box line but above', 0.5, 1.0001, null],
  ];
  for (const [what, lng, lat, expected] of cases) {
    it(`finds ${expected ?? 'nothing'} for a point ${what}`, () => {
      expect(index.locate(lng, lat)).to.equal(expected);
    });
  }

  it('answers null on an empty index', () => {
    expect(new GridIndex([]).locate(0, 0)).to.equal(null);
  });

  it('agrees with a naive scan on 2,000 random points over a jittered lattice', () => {
    const spec: LatticeSpec = { originLat: 22.5, originLng: 113.8, cellDeg: 0.004, cols: 12, rows: 10, seed: 7 };
    const grids = [...lattice(spec)].map((c, i) => ({ id: i + 1, polygon: c.polygon }));
    const idx = new GridIndex(grids);
    let inside = 0;
    for (let i = 0; i < 2000; i++) {
      const lng = 113.8 - 0.002 + Math.random() * (12 * 0.004 + 0.004);
      const lat = 22.5 - 0.002 + Math.random() * (10 * 0.004 + 0.004);
      const found = idx.locate(lng, lat);
      expect(found).to.equal(locateByScan(grids, lng, lat));
      if (found !== null) inside++;
    }
    expect(inside).to.be.greaterThan(1500);
  });

  it('builds a lattice whose cells tile the area with no gaps or overlaps', () => {
    const grids = [...lattice(DEMO_LATTICE)].map((c, i) => ({ id: i + 1, polygon: c.polygon }));
    const total = grids.reduce((s, g) => s + areaKm2(g.polygon), 0);
    const { cols, rows, cellDeg } = DEMO_LATTICE;
    const rect = areaKm2(square(DEMO_LATTICE.originLng, DEMO_LATTICE.originLat, cellDeg).map((r) => r.map(([x, y]) => [DEMO_LATTICE.originLng + (x - DEMO_LATTICE.originLng) * cols, DEMO_LATTICE.originLat + (y - DEMO_LATTICE.originLat) * rows])));
    expect(Math.abs(total - rect) / rect).to.be.lessThan(0.001);
    for (const g of grids) {
      expect(polygonProblems(g.polygon)).to.deep.equal([]);
      expect(g.polygon[0].length).to.be.within(7, 13);
    }
  });
});

describe('coordinate systems', () => {
  it('converts GCJ-02 in Shenzhen to WGS-84 a few hundred metres away and back', () => {
    const gcj = { lat: 22.555, lng: 113.883 };
    const wgs = toWgs84(gcj, 'gcj02');
    expect(Math.abs(wgs.lat - gcj.lat)).to.be.within(0.001, 0.005);
    expect(Math.abs(wgs.lng - gcj.lng)).to.be.within(0.002, 0.008);
    const back = toGcj02(wgs);
    expect(back.lat).to.be.closeTo(gcj.lat, 1e-5);
    expect(back.lng).to.be.closeTo(gcj.lng, 1e-5);
    expect(toWgs84(gcj, 'wgs84')).to.deep.equal(gcj);
  });

  it('reports unclosed rings and impossible coordinates', () => {
    expect(polygonProblems([[[0, 0], [1, 0], [1, 1], [0, 1]]])).to.have.length(1);
    expect(polygonProblems([[[0, 0], [200, 0], [1, 1], [0, 0]]])).to.deep.equal(['坐标超出经纬度范围']);
    expect(polygonProblems([[[0, 0], [1, 0]]])).to.have.length(1);
  });
});
