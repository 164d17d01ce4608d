// The pure rules of notices: the audience language (parsed with named errors, evaluated on one person's
// facts), quiet hours, caps, backoff, and the message templates with WeChat's value limits.
import { expect } from 'chai';
import { addYears, ageOn, matches, parseAudience } from '../../../src/domains/notices/audience';
import { PEOPLE, REGIONS, RULES, TODAY } from './fixtures';
import { backoffMs, decide, inQuietHours, parseQuietHours } from '../../../src/domains/notices/delivery-rules';
import { render, subscribeData, variablesOf } from '../../../src/domains/notices/message-template';

describe('audience language', () => {
  describe('facts × rules', () => {
    for (const rule of RULES) {
      it(`${rule.name}: ${rule.who.join(', ') || 'nobody'}`, () => {
        expect(parseAudience(rule.audience)).to.have.property('audience');
        const got = Object.entries(PEOPLE).filter(([, f]) => matches(f, rule.audience, TODAY, REGIONS)).map(([n]) => n);
        expect(got).to.deep.equal(rule.who);
      });
    }
  });

  describe('bad rules name their problem', () => {
    const cases: [string, unknown, string, RegExp][] = [
      ['empty', {}, 'audience', /不能为空/],
      ['missing', undefined, 'audience', /不能为空/],
      ['an empty group', { all: [] }, 'audience.all', /不能为空/],
      ['an unknown fact', { all: [{ fact: 'age', eq: 60 }, { fact: 'salary', eq: 1 }] }, 'audience.all[1].fact', /未知的事实：salary/],
      ['an operator the fact does not have', { fact: 'sex', range: { min: 1 } }, 'audience.range', /不支持 range/],
      ['a value of the wrong type', { fact: 'age', eq: 'sixty' }, 'audience.eq', /整数/],
      ['an enum value outside the list', { fact: 'sex', in: ['male', 'other'] }, 'audience.in[1]', /male \/ female/],
      ['a range upside down', { fact: 'age', range: { min: 70, max: 60 } }, 'audience.range', /下限不能大于上限/],
      ['an unknown topic', { fact: 'subscribed', eq: 'lottery' }, 'audience.eq', /未知的订阅主题/],
      ['no operator', { fact: 'age' }, 'audience', /缺少比较方式/],
      ['a stray key', { fact: 'age', eq: 60, note: 'x' }, 'audience.note', /不支持的键/],
      ['a group beside a key', { all: [{ fact: 'age', eq: 1 }], fact: 'age' }, 'audience', /不能与其他键并列/],
      ['not an object', [1, 2], 'audience', /应为条件对象/],
    ];
    for (const [name, input, field, message] of cases) {
      it(`${name} → ${field}`, () => {
        const r = parseAudience(input);
        expect(r).to.have.property('errors');
        const errors = (r as { errors: { field: string; message: string }[] }).errors;
        expect(errors[0].field).to.equal(field);
        expect(errors[0].message).to.match(message);
      });
    }
    it('refuses predicates that are too deep', () => {
      let deep: unknown = { fact: 'age', eq: 1 };
      for (let i = 0; i < 8; i++) deep = { not: deep };
      expect(parseAudience(deep)).to.have.property('errors');
    });
    it('collects the region codes to resolve', () => {
      expect(parseAudience({ any: [{ fact: 'region', eq: '440306' }, { fact: 'region', in: ['440307', '440306'] }] })).to.deep.include({ codes: { region: ['440306', '440307'] } });
    });
  });

  describe('dates', () => {
    it('counts whole years of age', () => {
      expect(ageOn('1966-11-23', TODAY)).to.equal(60);
      expect(ageOn('1966-11-24', TODAY)).to.equal(59);
    });
    it('moves 29 February to 28 February in a common year', () => {
      expect(addYears('2024-02-29', 1)).to.equal('2025-02-28');
    });
  });
});

describe('delivery rules', () => {
  const quiet = parseQuietHours('22:00-08:00');
  const caps = { perDay: 1, perWeek: 3 };
  const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

  it('knows quiet hours across midnight', () => {
    expect([at('21:59'), at('22:00'), at('03:00'), at('07:59'), at('08:00')].map((m) => inQuietHours(m, quiet))).to.deep.equal([false, true, true, true, false]);
    expect(() => parseQuietHours('22-8')).to.throw(/22:00-08:00/);
  });
  it('holds a targeted notice at 23:30 until 08:00', () => {
    expect(decide({ cls: 'targeted', minute: at('23:30'), quiet, caps, sentToday: 0, sentThisWeek: 0 })).to.deep.equal({ action: 'hold', reason: 'quiet_hours', waitMinutes: 510 });
  });
  it('holds the WeChat push of a transactional message too, but never caps it', () => {
    expect(decide({ cls: 'transactional', minute: at('06:00'), quiet, caps, sentToday: 0, sentThisWeek: 0 }).action).to.equal('hold');
    expect(decide({ cls: 'transactional', minute: at('10:00'), quiet, caps, sentToday: 5, sentThisWeek: 9 })).to.deep.equal({ action: 'send', reason: null });
  });
  it('caps a second targeted notice in a day, and a fourth in a week, until the next morning', () => {
    expect(decide({ cls: 'targeted', minute: at('10:00'), quiet, caps, sentToday: 1, sentThisWeek: 1 })).to.deep.equal({ action: 'cap', reason: 'cap_day', waitMinutes: 22 * 60 });
    expect(decide({ cls: 'targeted', minute: at('10:00'), quiet, caps, sentToday: 0, sentThisWeek: 3 })).to.deep.include({ action: 'cap', reason: 'cap_week' });
    expect(decide({ cls: 'targeted', minute: at('10:00'), quiet, caps, sentToday: 0, sentThisWeek: 2 })).to.deep.equal({ action: 'send', reason: null });
  });
  it('lets urgent notices through at any hour and any count, and says so', () => {
    expect(decide({ cls: 'urgent', minute: at('02:00'), quiet, caps, sentToday: 9, sentThisWeek: 9 })).to.deep.equal({ action: 'send', reason: 'bypass_urgent' });
  });
  it('backs off 30 s, 1 min, 2 min … up to an hour', () => {
    expect([1, 2, 3, 20].map(backoffMs)).to.deep.equal([30_000, 60_000, 120_000, 3_600_000]);
  });
});

describe('message templates', () => {
  it('lists and fills variables, leaving unknown ones', () => {
    expect(variablesOf('您已年满{age}周岁，{grid}网格 {age}')).to.deep.equal(['age', 'grid']);
    expect(render('您已年满{age}周岁{x}', { age: '60' })).to.equal('您已年满60周岁{x}');
  });
  it('fits values within WeChat\'s limits and formats the time in city time', () => {
    const data = subscribeData('event_progress', { title: '已派遣', body: '您上报的问题已派遣给西乡街道城市管理办公室处理，请耐心等待', eventCode: 'BA-20261123-000001', at: new Date('2026-11-23T02:00:00Z') }, 'Asia/Shanghai');
    expect(data.character_string1.value).to.equal('BA-20261123-000001');
    expect([...data.thing3.value]).to.have.length(20);
    expect(data.thing3.value.endsWith('…')).to.equal(true);
    expect(data.time4.value).to.equal('2026-11-23 10:00');
  });
});
