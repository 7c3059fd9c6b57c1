import { describe, expect, it } from 'vitest';
import { findOrderNumber, readOrderNumber, withoutOrderNumbersOrEmails } from '../../../knowledge/readers/order-number.reader.js';
import { TEXTS_WITHOUT_AN_ORDER_NUMBER } from '../../support/no-order-number-texts.js';

describe('readOrderNumber: the whole message as an order number', () => {
  it.each([
    ['KS-100234', 'KS-100234'],
    ['KS-100234.', 'KS-100234'],
    ['order number KS-100234', 'KS-100234'],
    ['#ks 100234', 'KS 100234'],
    ['#ks-100234', 'KS-100234'],
    ['JAM 204811', 'JAM 204811'],
    ['jam 204811', 'JAM 204811'],
    ["it's KS-100234", 'KS-100234'],
    ['my order number is #3310492!', '3310492'],
    ['order number: 3310492', '3310492'],
    ['(KS-100234)', 'KS-100234'],
    ['ＫＳ－１００２３４', 'KS-100234'],
  ])('%j reads as %s', (text, typed) => {
    expect(readOrderNumber(text)?.typed).toBe(typed);
  });

  it('reads the same order however it was written', () => {
    const forms = ['order number KS-100234', '#ks 100234', 'KS-100234.', 'ks100234', 'KS 100234'];
    expect(new Set(forms.map((text) => readOrderNumber(text)?.normalized))).toEqual(new Set(['KS100234']));
    expect(readOrderNumber('JAM 204811')?.normalized).toBe('JAM204811');
  });

  it.each(['no', 'hello', 'it', "I don't have one", 'order 2 rings', 'my order is late', 'jane@example.com', 'where is KS-100234 and is it late', '12'])(
    'not an order number: %j',
    (text) => {
      expect(readOrderNumber(text)).toBeUndefined();
    },
  );
});

describe('findOrderNumber: an order number anywhere', () => {
  it.each([
    ['where is KS-100234', 'KS-100234'],
    ['track ks-100234 please', 'KS-100234'],
    ['cancel ks100234', 'KS100234'],
    ['my order #3310492 is late', '3310492'],
    ['# 3310492', '3310492'],
    ['please cancel order 00123842', '00123842'],
    ['order number: 4417201', '4417201'],
    ['order no. 7720931 never came', '7720931'],
    ['need help with purchase 5550001234', '5550001234'],
    ['the invoice for 99887766', '99887766'],
    ['order KS-228810, email shopper@example.com', 'KS-228810'],
    ['can u track ks100234 my email is shopper@example.com', 'KS100234'],
    ['where is my order KS-100233 and can i change the address', 'KS-100233'],
    ['I need help with JAM 204811 please', 'JAM 204811'],
    ['my order is #ks 100234', 'KS 100234'],
    ['is KS-100234. still coming?', 'KS-100234'],
  ])('finds it in %j', (text, typed) => {
    expect(findOrderNumber(text)?.typed).toBe(typed);
  });

  it.each([...TEXTS_WITHOUT_AN_ORDER_NUMBER, 'reach me at buyer1234567@example.com', 'send it to PO Box 123456 instead', 'apt 120034, 9 Elm St'])('finds none in %j', (text) => {
    expect(findOrderNumber(text)).toBeUndefined();
  });

  it('does not take an upper-case word for the letters of an order number', () => {
    expect(findOrderNumber('OK 123456 is the one')?.typed).toBe('123456');
  });

  it('prefers a number the shopper announced over other digits', () => {
    expect(findOrderNumber('I paid 12345678 for order KS-100234')?.typed).toBe('KS-100234');
  });

  it('leaves the words around order numbers and emails, and drops them', () => {
    const stripped = withoutOrderNumbersOrEmails('cancel order #3310492 for jo@example.com and KS-100234');
    expect(stripped).toMatch(/cancel order/);
    expect(stripped).not.toMatch(/3310492|jo@example\.com|KS-100234/);
  });
});
