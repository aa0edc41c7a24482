import { noticeHeader } from '../src';

describe('noticeHeader', () => {
  it('reads a header by its lower-case name, whatever case it is asked for', () => {
    expect(noticeHeader({ 'x-sig': 'abc' }, 'x-sig')).toBe('abc');
    expect(noticeHeader({ 'x-sig': 'abc' }, 'X-Sig')).toBe('abc');
    expect(noticeHeader({ 'x-sig': '' }, 'x-sig')).toBe('');
  });
  it('takes the first copy of a repeated header', () => {
    expect(noticeHeader({ 'x-sig': ['one', 'two'] }, 'x-sig')).toBe('one');
  });
  it('is undefined for a missing header or an empty list', () => {
    expect(noticeHeader({}, 'x-sig')).toBeUndefined();
    expect(noticeHeader({ 'x-sig': undefined }, 'x-sig')).toBeUndefined();
    expect(noticeHeader({ 'x-sig': [] }, 'x-sig')).toBeUndefined();
  });
});
