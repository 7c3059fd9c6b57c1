import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';

import { createDemoOrders } from '../../bot/orders/demo-orders.js';
import { renderReturnsReply } from '../../dialogs/returns.render.js';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { assessReturn, orderReturnBlock } from '../../knowledge/returns/eligibility.js';
import { CONDITION_CHOICES, WISH_CHOICES } from '../../knowledge/returns/return-choices.js';
import type { ItemCondition, ReturnWish } from '../../knowledge/returns/return-verdict.types.js';
import type { ReturnsReply } from '../../machines/returns.machine.js';
import { BRAND_FOLDERS, BRAND_PROFILES, demoProfile } from '../support/brands.js';

const CSP = 'customer-service-policy';
const NOW = '2026-12-02T17:00:00Z';
const ORDERS = createDemoOrders(new Date(NOW), BRAND_FOLDERS);

function render(brand: BrandId, reply: ReturnsReply): Partial<Activity> {
  return renderReturnsReply(brand, reply, demoProfile(brand));
}

function channelData(activity: Partial<Activity>) {
  return activity.channelData as { support: Record<string, unknown>; returnEligibility?: unknown };
}

function actionValues(activity: Partial<Activity>): unknown[] {
  return activity.suggestedActions?.actions.map((action) => action.value) ?? [];
}

function verdictReply(orderNumber: string, sku: string, condition: ItemCondition, wish: ReturnWish, now = NOW): { brand: BrandId; reply: ReturnsReply } {
  const order = ORDERS.find((candidate) => candidate.orderNumber === orderNumber);
  const item = order?.items.find((candidate) => candidate.sku === sku);
  if (!order || !item) throw new Error(`no ${orderNumber} ${sku}`);
  const { verdict, sources, urgency } = assessReturn({ order, item, condition, wish, profile: demoProfile(order.brand), now });
  return { brand: order.brand, reply: { kind: 'returns.verdict', verdict, sources, urgency } };
}

describe('renderReturnsReply: asks', () => {
  const ASKS: Array<[ReturnsReply, string, RegExp, unknown[]]> = [
    [
      { kind: 'returns.ask', slot: 'item', options: [{ title: 'Heart Charm ×2', value: 'Heart Charm' }, { title: 'Twisted Wire Ring', value: 'Twisted Wire Ring' }] },
      'item',
      /which item/i,
      ['Heart Charm', 'Twisted Wire Ring'],
    ],
    [{ kind: 'returns.ask', slot: 'item', problem: 'ambiguous', options: [] }, 'item', /more than one item/i, []],
    [{ kind: 'returns.ask', slot: 'condition', options: Object.values(CONDITION_CHOICES), itemName: 'Heart Charm' }, 'condition', /what condition is the Heart Charm in/i, ['Unused, tags on', 'Unused, no tags', 'Worn', 'Damaged']],
    [{ kind: 'returns.ask', slot: 'condition', problem: 'tags', options: [CONDITION_CHOICES.unused_with_tags, CONDITION_CHOICES.unused_no_tags] }, 'condition', /tags still on/i, ['Unused, tags on', 'Unused, no tags']],
    [
      { kind: 'returns.ask', slot: 'reason', options: Object.values(WISH_CHOICES), itemName: 'Heart Charm' },
      'reason',
      /why would you like to return the Heart Charm/i,
      ['Changed my mind', 'Wrong size', 'Damaged on arrival', 'Defective', 'Wrong item sent'],
    ],
    [{ kind: 'returns.ask', slot: 'reason', problem: 'notUnderstood', options: [] }, 'reason', /didn't catch why/i, []],
  ];

  it.each(ASKS)('%j awaits %s on the returns topic', (reply, awaiting, text, values) => {
    const activity = render('kendra-scott-mall', reply);

    expect(activity.text).toMatch(text);
    expect(activity.inputHint).toBe('expectingInput');
    expect(channelData(activity).support).toEqual({ brand: 'kendra-scott-mall', topic: 'returns.start', confidence: 1, sources: [], awaiting });
    expect(channelData(activity)).not.toHaveProperty('returnEligibility');
    expect(actionValues(activity)).toEqual(values);
  });

  it('shows quantities in the button title and keeps the value what the shopper would type', () => {
    const activity = render('kendra-scott-mall', { kind: 'returns.ask', slot: 'item', options: [{ title: 'Heart Charm ×2', value: 'Heart Charm' }] });

    expect(activity.suggestedActions?.actions).toEqual([{ type: 'imBack', title: 'Heart Charm ×2', value: 'Heart Charm' }]);
  });
});

describe('renderReturnsReply: the verdict', () => {
  it('eligible (generic-store): a pre-check, returnEligibility, next steps, a person offered', () => {
    const { brand, reply } = verdictReply('GS-331043', 'GS-RG-04', 'unused_with_tags', 'changed_mind');
    const activity = render(brand, reply);

    expect(channelData(activity).returnEligibility).toEqual({ eligible: true, reasons: [] });
    expect(channelData(activity).support).toEqual({
      brand,
      topic: 'returns.start',
      confidence: 1,
      sources: [{ document: CSP, section: '5' }, { document: CSP, section: '1' }],
      awaiting: null,
    });
    expect(activity.text).toMatch(/^From what you've told me, the Stackable Ring Set looks eligible for a return\.\n\nNext steps:\n- This is a pre-check: the team confirms return eligibility first/);
    expect(activity.text).toContain('- Return shipping is paid by you');
    expect(actionValues(activity)).toEqual(['talk to a person']);
  });

  it('eligible (james-avery-malls damaged delivery): says eligible plainly', () => {
    const { brand, reply } = verdictReply('JAM-204814', 'JAM-ER-145', 'damaged', 'damaged_on_arrival');
    const activity = render(brand, reply);

    expect(activity.text).toMatch(/^I'm sorry to hear that\. Good news: the Petite Hoop Earrings are eligible for a return\./);
    expect(activity.text).toContain('urgent matters');
    expect(channelData(activity).returnEligibility).toEqual({ eligible: true, reasons: [] });
  });

  it('not eligible (kendra Final Sale): every reason with its section, policy and a person offered', () => {
    const { brand, reply } = verdictReply('KS-100236', 'EAR-31', 'unused_with_tags', 'changed_mind');
    const activity = render(brand, reply);

    expect(activity.text).toBe(
      "I'm sorry: from what you've told me, the Drop Earrings (Final Sale) can't be returned.\n\n" +
        'Why:\n- Items marked “Final Sale” are non-refundable, and the Drop Earrings (Final Sale) are marked Final Sale (Customer Service Policy, §4).\n\n' +
        'Next steps:\n- If you think something here is wrong, a person on the team can take a look.',
    );
    expect(channelData(activity).returnEligibility).toEqual({ eligible: false, reasons: ['final_sale'] });
    expect(channelData(activity).support).toMatchObject({ sources: [{ document: CSP, section: '4' }] });
    expect(actionValues(activity)).toEqual(['what is your return policy', 'talk to a person']);
  });

  it('not eligible on two counts (generic, worn and past the window): both listed', () => {
    const { brand, reply } = verdictReply('GS-331044', 'GS-NK-01', 'worn', 'changed_mind');
    const activity = render(brand, reply);

    expect(channelData(activity).returnEligibility).toEqual({ eligible: false, reasons: ['window_expired', 'condition'] });
    expect(activity.text).toContain('(Customer Service Policy, §1).');
    expect(activity.text).toContain('(Customer Service Policy, §5).');
  });

  it('needs review (artisan personalized, worn): codes listed once, the plain words each time', () => {
    const { brand, reply } = verdictReply('JAA-530123', 'JAA-NK-041', 'worn', 'changed_mind');
    const activity = render(brand, reply);

    expect(activity.text).toMatch(/^The return of the Engraved Name Necklace needs a person's review before it can go ahead\.\n\nWhat needs checking:\n/);
    expect(activity.text?.match(/^- /gm)?.length).toBeGreaterThanOrEqual(3 + 4);
    expect(activity.text).toContain('Return Authorization (RA) number');
    expect(activity.text).toContain('www.jameseavery.com');
    expect(channelData(activity).returnEligibility).toEqual({ eligible: 'review', reasons: ['policy_silent'] });
    expect(actionValues(activity)).toEqual(['talk to a person']);
  });

  it('a product issue that is a no still offers a person', () => {
    const { brand, reply } = verdictReply('KS-100236', 'EAR-31', 'damaged', 'defective');

    expect(actionValues(render(brand, reply))).toEqual(['talk to a person']);
  });
});

describe('renderReturnsReply: orders with nothing to return and dead ends', () => {
  it('a cancelled order: not eligible, cancelled', () => {
    const order = ORDERS.find((candidate) => candidate.orderNumber === 'KS-100238');
    if (!order || order.status !== 'cancelled') throw new Error('expected the cancelled demo order');
    const blocked = orderReturnBlock(order, BRAND_PROFILES['kendra-scott-mall']);
    if (!blocked) throw new Error('expected a block');

    const activity = render('kendra-scott-mall', { kind: 'returns.notReturnable', orderNumber: order.orderNumber, status: 'cancelled', ...blocked });

    expect(activity.text).toMatch(/^Order KS-100238 was cancelled, so there is nothing to send back\./);
    expect(channelData(activity).returnEligibility).toEqual({ eligible: false, reasons: ['cancelled'] });
    expect(actionValues(activity)).toEqual(['talk to a person']);
  });

  it('an order on its way: not eligible yet, tracking offered', () => {
    const activity = render('james-avery-malls', {
      kind: 'returns.notReturnable',
      orderNumber: 'JAM-204811',
      status: 'shipped',
      reasons: [{ code: 'not_delivered', say: 'Order JAM-204811 is still on its way, so a return can only start once it has been delivered.' }],
      nextSteps: ["Once it's delivered, ask me again and I'll check the return for you."],
      sources: [],
    });

    expect(channelData(activity).returnEligibility).toEqual({ eligible: false, reasons: ['not_delivered'] });
    expect(actionValues(activity)).toEqual(['track my order']);
  });
});
