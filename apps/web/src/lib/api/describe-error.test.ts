import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { ApiError } from './api-error';
import { describeError, fieldErrors, fieldName, formatWait, type Translator } from './describe-error';

function translator(language: 'en' | 'zh-CN'): Translator {
  const i18n = createI18n(language);
  return {
    t: (key, options) => i18n.t(key as never, options as never) as unknown as string,
    exists: (key) => i18n.exists(key),
    language,
  };
}

const en = translator('en');
const zh = translator('zh-CN');

describe('error messages for people', () => {
  it('translates a known code in the reader’s language', () => {
    const error = new ApiError({ status: 401, code: 'INVALID_CREDENTIALS', detail: 'The email or password is not correct' });
    expect(describeError(error, en)).toBe('Wrong email or password.');
    expect(describeError(error, zh)).toBe('邮箱或密码错误。');
  });

  it('falls back to the server’s detail for a code it does not know', () => {
    const error = new ApiError({ status: 422, code: 'SOMETHING_NEW', detail: 'A sentence from the server' });
    expect(describeError(error, en)).toBe('A sentence from the server');
  });

  it('says something generic when there is neither a translation nor a detail', () => {
    expect(describeError(new ApiError({ status: 418, code: 'TEAPOT' }), en)).toBe('Something went wrong. Please try again.');
    expect(describeError(new Error('boom'), zh)).toBe('出错了，请重试。');
    expect(describeError('not an error', en)).toBe('Something went wrong. Please try again.');
  });

  it('tells how long to wait when sign-in is rate limited', () => {
    const error = new ApiError({ status: 429, code: 'LOGIN_RATE_LIMITED', detail: 'x', retryAfterSeconds: 45 });
    expect(describeError(error, en)).toBe('Too many attempts. Try again in 45 seconds.');
    expect(describeError(error, zh)).toMatch(/^尝试次数过多，请45\s?秒钟?后再试。$/);
    const minutes = new ApiError({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 600 });
    expect(describeError(minutes, en)).toBe('Too many attempts. Try again in 10 minutes.');
  });

  it('still explains rate limiting without a wait', () => {
    const error = new ApiError({ status: 429, code: 'LOGIN_RATE_LIMITED', detail: 'x' });
    expect(describeError(error, en)).toBe('Too many failed sign-ins. Please wait a moment and try again.');
  });

  it('formats waits in seconds, minutes or hours', () => {
    expect(formatWait(1, 'en')).toBe('in 1 second');
    expect(formatWait(0.2, 'en')).toBe('in 1 second');
    expect(formatWait(120, 'en')).toBe('in 2 minutes');
    expect(formatWait(3 * 3600, 'en')).toBe('in 3 hours');
  });

  it('does not let problem members steer i18next (count, context, lng)', () => {
    const error = new ApiError({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      problem: { status: 401, code: 'INVALID_CREDENTIALS', lng: 'zh-CN', context: 'x', count: 5 },
    });
    expect(describeError(error, en)).toBe('Wrong email or password.');
  });

  it('puts field problems under form field names, translated by their code when known', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [
        { path: 'body.email', message: 'Invalid email address', code: 'invalid_format' },
        { path: 'body.password', message: 'must be at least 8 characters', code: 'too_small' },
        { path: 'body.time_zone', message: 'must be an IANA time zone such as Asia/Shanghai', code: 'custom' },
        { path: 'body', message: 'body or html_body is required' },
      ],
    });
    expect(fieldErrors(error, en)).toEqual({
      email: ['Not in the right format'],
      password: ['Too short'],
      time_zone: ['must be an IANA time zone such as Asia/Shanghai'],
    });
    expect(fieldErrors(error, zh).email).toEqual(['格式不正确']);
    expect(fieldErrors(new Error('x'), en)).toEqual({});
  });

  it('strips the request part from field paths', () => {
    expect(fieldName('body.comment.body')).toBe('comment.body');
    expect(fieldName('querystring.limit')).toBe('limit');
    expect(fieldName('email')).toBe('email');
  });
});
