// Facts of a handful of people and rules over them, with who each rule reaches: the table shared by the
// pure test of the audience language and the test that its SQL agrees on a real database.
import type { Audience, PersonFacts } from '../../../src/domains/notices/audience';

export const TODAY = '2026-11-23';
const base: PersonFacts = {
  birthDate: null, sex: null, regionPath: null, gridCode: null, declared: false, declarationValidUntil: null, insured: false,
  arrearsMonths: 0, islandCode: null, islandSeenOn: null, openEvents: 0, topics: [],
};
export const REGIONS = new Map([['440306', '/1/2/'], ['440306002', '/1/2/5/']]);
const person = (over: Partial<PersonFacts>): PersonFacts => ({ ...base, ...over });

export const PEOPLE: Record<string, PersonFacts> = {
  turned60ThreeDaysAgo: person({ birthDate: '1966-11-20', sex: 'female', regionPath: '/1/2/5/9/', gridCode: 'G-12', declared: true, declarationValidUntil: '2026-12-10', topics: ['elderly_services'] }),
  turns60Tomorrow: person({ birthDate: '1966-11-24', sex: 'male', regionPath: '/1/2/6/', declared: true, declarationValidUntil: '2027-06-01' }),
  young: person({ birthDate: '1990-01-01', sex: 'male', regionPath: '/1/2/5/9/', gridCode: 'G-12', insured: true, arrearsMonths: 2 }),
  tourist: person({ islandCode: 'GS', islandSeenOn: '2026-11-22', openEvents: 1, topics: ['weather_alert'] }),
  unknown: person({}),
};

export const RULES: { name: string; audience: Audience; who: (keyof typeof PEOPLE)[] }[] = [
  { name: 'turned 60 in the last week', audience: { fact: 'age', age_reaches: 60 }, who: ['turned60ThreeDaysAgo'] },
  { name: 'turned 60 in the last 2 days', audience: { fact: 'age', age_reaches: 60, within_days: 2 }, who: [] },
  { name: 'aged 60 or more', audience: { fact: 'age', range: { min: 60 } }, who: ['turned60ThreeDaysAgo'] },
  { name: 'aged 59', audience: { fact: 'age', eq: 59 }, who: ['turns60Tomorrow'] },
  { name: 'aged 30 to 59', audience: { fact: 'age', range: { min: 30, max: 59 } }, who: ['turns60Tomorrow', 'young'] },
  { name: 'women', audience: { fact: 'sex', eq: 'female' }, who: ['turned60ThreeDaysAgo'] },
  { name: 'not women (unknown sex included)', audience: { not: { fact: 'sex', eq: 'female' } }, who: ['turns60Tomorrow', 'young', 'tourist', 'unknown'] },
  { name: 'living in a street, by code (subtree)', audience: { fact: 'region', eq: '440306002' }, who: ['turned60ThreeDaysAgo', 'young'] },
  { name: 'living in the district', audience: { fact: 'region', in: ['440306'] }, who: ['turned60ThreeDaysAgo', 'turns60Tomorrow', 'young'] },
  { name: 'in grid G-12', audience: { fact: 'grid', eq: 'G-12' }, who: ['turned60ThreeDaysAgo', 'young'] },
  { name: 'declaration ends within 30 days', audience: { fact: 'declarationValidUntil', within_days: 30 }, who: ['turned60ThreeDaysAgo'] },
  { name: 'insured with arrears', audience: { all: [{ fact: 'insured', eq: true }, { fact: 'arrearsMonths', range: { min: 1 } }] }, who: ['young'] },
  { name: 'on Guishan in the last 3 days', audience: { all: [{ fact: 'island', eq: 'GS' }, { fact: 'islandSeenOn', within_days: -3 }] }, who: ['tourist'] },
  { name: 'subscribed to weather or elderly', audience: { fact: 'subscribed', in: ['weather_alert', 'elderly_services'] }, who: ['turned60ThreeDaysAgo', 'tourist'] },
  { name: 'open events', audience: { fact: 'openEvents', range: { min: 1 } }, who: ['tourist'] },
  { name: 'any of two groups', audience: { any: [{ fact: 'age', age_reaches: 60 }, { fact: 'island', in: ['GS', 'DA'] }] }, who: ['turned60ThreeDaysAgo', 'tourist'] },
  { name: 'declared and not in G-12', audience: { all: [{ fact: 'declared', eq: true }, { not: { fact: 'grid', eq: 'G-12' } }] }, who: ['turns60Tomorrow'] },
];

