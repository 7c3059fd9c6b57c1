import { describe, expect, it } from 'vitest';
import { clientKeyOf } from '../../bot/client-key.js';

describe('clientKeyOf', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('127.0.0.1')).toBe('127.0.0.1');
  });

  it('gives every address of one IPv6 /64 the same key, and another /64 another', () => {
    const key = clientKeyOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const address of ['2001:db8:1:2::1', '2001:0db8:0001:0002:0:0:0:ffff', '2001:DB8:1:2:FFFF:FFFF:FFFF:FFFF', '2001:db8:1:2::']) {
      expect(clientKeyOf(address), address).toBe(key);
    }
    expect(clientKeyOf('2001:db8:1:3::1')).not.toBe(key);
    expect(clientKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf('::')).toBe('0:0:0:0::/64');
  });

  it('drops a zone index, which names an interface of this machine, not the client', () => {
    expect(clientKeyOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('reads an IPv4 address inside IPv6 notation', () => {
    expect(clientKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('::FFFF:cb00:7107')).toBe('203.0.113.7');
    // The embedded form in another prefix is an IPv6 address like any other.
    expect(clientKeyOf('2001:db8:1:2::203.0.113.7')).toBe('2001:db8:1:2::/64');
  });

  it('passes anything that is not an IP address through unchanged', () => {
    expect(clientKeyOf('unknown')).toBe('unknown');
    expect(clientKeyOf('')).toBe('');
    expect(clientKeyOf('2001:db8:::1')).toBe('2001:db8:::1');
  });
});
