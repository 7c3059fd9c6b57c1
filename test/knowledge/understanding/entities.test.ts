import { describe, expect, it } from 'vitest';
import { extractEntities, stripEntities } from '../../../knowledge/understanding/entities.js';
import { TEXTS_WITHOUT_AN_ORDER_NUMBER } from '../../support/no-order-number-texts.js';

describe('extractEntities', () => {
  it.each([
    ['where is KS-100234', { orderNumber: 'KS-100234' }],
    ['track ks-100234 please', { orderNumber: 'KS-100234' }],
    ['cancel ks100234', { orderNumber: 'KS100234' }],
    ['my order #3310492 is late', { orderNumber: '3310492' }],
    ['# 3310492', { orderNumber: '3310492' }],
    ['please cancel order 00123842', { orderNumber: '00123842' }],
    ['order number: 4417201', { orderNumber: '4417201' }],
    ['order no. 7720931 never came', { orderNumber: '7720931' }],
    ['need help with purchase 5550001234', { orderNumber: '5550001234' }],
    ['the invoice for 99887766', { orderNumber: '99887766' }],
    ['my email is Jo.Doe+rings@Example.co.uk', { email: 'jo.doe+rings@example.co.uk' }],
    [
      'order KS-228810, email shopper@example.com',
      { orderNumber: 'KS-228810', email: 'shopper@example.com' },
    ],
  ])('finds the entities in "%s"', (text, expected) => {
    expect(extractEntities(text)).toEqual(expected);
  });

  it.each(TEXTS_WITHOUT_AN_ORDER_NUMBER)('finds no order number in "%s"', (text) => {
    expect(extractEntities(text).orderNumber).toBeUndefined();
  });

  it('does not read the digits of an email as an order number', () => {
    expect(extractEntities('reach me at buyer1234567@example.com')).toEqual({ email: 'buyer1234567@example.com' });
  });
});

describe('stripEntities', () => {
  it('keeps the words around the entities and drops the entities', () => {
    const stripped = stripEntities('cancel order #3310492 for jo@example.com and KS-100234');
    expect(stripped).toMatch(/cancel order/);
    expect(stripped).not.toMatch(/3310492|jo@example\.com|KS-100234/);
  });
});
