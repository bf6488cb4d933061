import { describe, expect, it } from 'vitest';
import { cleanDomains, inRange, isDomain, isHost, LIMITS, normaliseDomain } from './mailbox-rules';

describe('mailbox form rules, as the API checks them', () => {
  it('accepts host names and bracketed addresses, nothing else', () => {
    for (const host of ['mail.example.com', 'localhost', '127.0.0.1', '[::1]', '[2001:db8::25]', 'SMTP-relay.Example.org']) expect(isHost(host), host).toBe(true);
    for (const host of ['', '  ', 'mail example.com', 'smtp://mail.example.com', 'mail.example.com:25', 'a'.repeat(254), '邮件.example']) expect(isHost(host), host).toBe(false);
  });

  it('normalises sender domains like the API (lower case, no leading @) and rejects what it rejects', () => {
    expect(normaliseDomain(' @QQ.com ')).toBe('qq.com');
    expect(isDomain('@163.COM')).toBe(true);
    expect(isDomain('mail.customer.example')).toBe(true);
    expect(isDomain('not a domain')).toBe(false);
    expect(isDomain('user@example.com')).toBe(false);
    expect(isDomain('例子.中国')).toBe(false);
    expect(isDomain('')).toBe(false);
    expect(cleanDomains(['QQ.com', '@qq.com', ' ', 'foxmail.com'])).toEqual(['qq.com', 'foxmail.com']);
    expect(cleanDomains(undefined)).toEqual([]);
  });

  it('checks numbers against the contract’s ranges', () => {
    expect(inRange(30, LIMITS.pollSeconds)).toBe(true);
    expect(inRange(29, LIMITS.pollSeconds)).toBe(false);
    expect(inRange(86_401, LIMITS.pollSeconds)).toBe(false);
    expect(inRange(60.5, LIMITS.pollSeconds)).toBe(false);
    expect(inRange(0, LIMITS.autoAckPerSenderHour)).toBe(true);
    expect(inRange(0, LIMITS.sendLimitPerMinute)).toBe(false);
    expect(inRange(65_535, LIMITS.port)).toBe(true);
    expect(inRange(null, LIMITS.port)).toBe(false);
    expect(inRange(0.5, LIMITS.maxMessageMb, false)).toBe(true);
    expect(inRange(150.01, LIMITS.maxMessageMb, false)).toBe(false);
  });
});
