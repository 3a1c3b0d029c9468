/**
 * The coach engine: from the page model, the enabled packs, the user and the item history,
 * decide what to show now and explain why each item did or did not fire. Pure.
 */
import type { Audience, Target, Tip, When } from '../packs/types';
import { audienceFailures } from './audience';
import { fieldNamed } from './fields';
import { itemKey } from '../packs/refs';
import { DEFAULT_PRIORITY, tipShowFailures } from './show-rules';
import type {
  CoachInput,
  CoachPlan,
  ItemExplanation,
  ItemKind,
  NudgeFieldPlan,
  Reason,
  TipPlan,
} from './types';
import { fieldConditionFailures, whenFailures } from './when';

export function planCoach(input: CoachInput): CoachPlan {
  const { model, packs, user, items, now } = input;
  const maxAnchored = input.maxAnchoredTips ?? 1;
  const plan: CoachPlan = { tips: [], panelTips: [], nudges: [], snippets: [], tours: [], explanations: [] };
  const explain = (kind: ItemKind, packId: string, itemId: string, status: ItemExplanation['status'], reasons: Reason[]) => {
    plan.explanations.push({ key: itemKey(packId, itemId), packId, itemId, kind, status, reasons });
  };
  const anchored: (TipPlan & { priority: number; order: number })[] = [];
  let order = 0;

  for (const pack of packs) {
    const packAudience = audienceFailures(pack.audience, user, now);
    const gate = (item: { when?: When; audience?: Audience }): Reason[] => [
      ...packAudience,
      ...audienceFailures(item.audience, user, now),
      ...whenFailures(item.when, model),
    ];

    for (const tip of pack.tips ?? []) {
      const key = itemKey(pack.id, tip.id);
      const failures = [
        ...gate(tip),
        ...tipShowFailures(tip, items[key], now, input.closedOnPage?.has(key) ?? false),
      ];
      if (failures.length) {
        explain('tip', pack.id, tip.id, 'hidden', failures);
        continue;
      }
      if ('page' in tip.target) {
        plan.panelTips.push({ key, packId: pack.id, tip });
        explain('tip', pack.id, tip.id, 'panel', [{ code: 'pageTarget' }]);
        continue;
      }
      const located = locate(tip, tip.target, input);
      if (!located.present) {
        explain('tip', pack.id, tip.id, 'hidden', [located.reason]);
        continue;
      }
      anchored.push({
        key,
        packId: pack.id,
        tip,
        field: located.field,
        priority: tip.priority ?? DEFAULT_PRIORITY,
        order: order++,
      });
    }

    for (const nudge of pack.nudges ?? []) {
      const failures = gate(nudge);
      if (nudge.requiredWhen) {
        const failed = fieldConditionFailures(nudge.requiredWhen, model);
        if (failed.length) failures.push({ code: 'requiredWhen', expected: failed.join(', ') });
      }
      if (failures.length) {
        explain('nudge', pack.id, nudge.id, 'hidden', failures);
        continue;
      }
      const fields: NudgeFieldPlan[] = [];
      const seen = new Set<unknown>();
      for (const name of nudge.fields) {
        const field = fieldNamed(model, name);
        if (!field || seen.has(field)) continue;
        seen.add(field);
        fields.push({ name, field, empty: field.empty });
      }
      if (fields.length === 0) {
        explain('nudge', pack.id, nudge.id, 'hidden', [{ code: 'noFields', expected: nudge.fields.join(', ') }]);
        continue;
      }
      const missing = fields.filter((f) => f.empty);
      plan.nudges.push({ key: itemKey(pack.id, nudge.id), packId: pack.id, nudge, fields, missing });
      explain('nudge', pack.id, nudge.id, missing.length ? 'shown' : 'hidden', missing.length ? [] : [{ code: 'allFilled' }]);
    }

    for (const snippet of pack.snippets ?? []) {
      const key = itemKey(pack.id, snippet.id);
      const failures = snippet.when ? gate(snippet) : [{ code: 'noWhen' } as Reason];
      if (failures.length) {
        explain('snippet', pack.id, snippet.id, 'hidden', failures);
        continue;
      }
      plan.snippets.push({ key, packId: pack.id, snippet, completed: items[key]?.completed ?? false });
      explain('snippet', pack.id, snippet.id, 'panel', []);
    }

    for (const tour of pack.tours ?? []) {
      const key = itemKey(pack.id, tour.id);
      const failures = gate(tour);
      if (failures.length) {
        explain('tour', pack.id, tour.id, 'hidden', failures);
        continue;
      }
      const state = items[key];
      const completed = state?.completed ?? false;
      const step = state?.tourStep ?? 0;
      plan.tours.push({
        key,
        packId: pack.id,
        tour,
        completed,
        resumeStep: !completed && step > 0 && step < tour.steps.length ? step : 0,
      });
      // Steps whose field is not on this page are skipped when the tour runs: say which.
      const missing: Reason[] = [];
      tour.steps.forEach((s, i) => {
        if ('field' in s.target && !fieldNamed(input.model, s.target.field)) missing.push({ code: 'stepMissing', expected: String(i + 1), actual: s.target.field });
      });
      explain('tour', pack.id, tour.id, 'panel', completed ? [{ code: 'completed' }, ...missing] : missing);
    }
  }

  anchored.sort((a, b) => b.priority - a.priority || a.order - b.order);
  anchored.forEach(({ priority: _p, order: _o, ...tip }, i) => {
    if (i < maxAnchored) {
      plan.tips.push(tip);
      explain('tip', tip.packId, tip.tip.id, 'shown', []);
    } else {
      plan.panelTips.push(tip);
      explain('tip', tip.packId, tip.tip.id, 'panel', [{ code: 'frequency', expected: String(maxAnchored) }]);
    }
  });
  return plan;
}

type Located = { present: true; field?: TipPlan['field'] } | { present: false; reason: Reason };

function locate(_tip: Tip, target: Target, input: CoachInput): Located {
  if ('field' in target) {
    const field = fieldNamed(input.model, target.field);
    if (!field) return { present: false, reason: { code: 'target', expected: target.field } };
    if (!field.visible) return { present: false, reason: { code: 'target', expected: target.field, actual: 'hidden' } };
    return { present: true, field };
  }
  if ('selector' in target) {
    const present = input.selectorPresent ? input.selectorPresent(target) : true;
    const suspended = !present && input.selectorSuspended?.(target);
    if (suspended) return { present: false, reason: { code: 'suspended', expected: target.selector, actual: suspended } };
    return present ? { present: true } : { present: false, reason: { code: 'target', expected: target.selector } };
  }
  return { present: true };
}
