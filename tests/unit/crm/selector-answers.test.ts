import { describe, expect, it, vi } from 'vitest';
import { createSelectorAnswers, type SelectorTarget } from '@/utils/crm/selector-answers';
import { EVERYTHING, type PageChanges } from '@/utils/crm/selector-changes';

/** A page whose answers the test sets, with a clock each check moves on by `cost` ms. */
function fakePage(cost = 1) {
  let t = 0;
  const on = new Set<string>();
  const checked: string[] = [];
  const answers = createSelectorAnswers({
    now: () => t,
    scope: () => (target: SelectorTarget) => {
      checked.push(target.selector);
      t += cost;
      return on.has(target.selector);
    },
    budget: { batchMs: 8, suspendMs: 16, windowMs: 50 },
  });
  return { answers, on, checked, wait: (ms: number) => (t += ms) };
}

/** Records of one batch in which an element with these features was added under body. */
function added(markup: string): PageChanges {
  const records: MutationRecord[] = [];
  const mo = new MutationObserver(() => undefined);
  mo.observe(document.body, { childList: true, subtree: true });
  document.body.append(document.createRange().createContextualFragment(markup));
  records.push(...mo.takeRecords());
  mo.disconnect();
  return { everything: false, records, input: false };
}

const plan = (a: ReturnType<typeof fakePage>['answers'], targets: SelectorTarget[]) => {
  a.beginPlan();
  const out = targets.map((t) => a.present(t));
  a.endPlan();
  return out;
};

describe('selector answers', () => {
  it('keeps an answer until a batch could change it, and says whether the check changed it', () => {
    document.body.replaceChildren();
    const p = fakePage();
    const save = { selector: 'button.save' };
    const tab = { selector: 'a.tab' };
    expect(plan(p.answers, [save, tab])).toEqual([false, false]);
    expect(p.checked).toEqual(['button.save', 'a.tab']);

    // A batch that adds a div: neither target could have changed; nothing is checked.
    p.checked.length = 0;
    p.answers.note(added('<div class="churn"></div>'));
    expect(p.answers.marked).toBe(0);
    expect(p.answers.refresh()).toBe(false);
    expect(p.checked).toEqual([]);
    // Planning again uses the kept answers.
    expect(plan(p.answers, [save, tab])).toEqual([false, false]);
    expect(p.checked).toEqual([]);

    // A batch that adds a button.save: only that target is checked; its answer changed.
    p.on.add('button.save');
    p.answers.note(added('<button class="save">Save</button>'));
    expect(p.answers.marked).toBe(1);
    expect(p.answers.refresh()).toBe(true);
    expect(p.checked).toEqual(['button.save']);
    expect(plan(p.answers, [save, tab])).toEqual([true, false]);

    // Checked again, same answer: refresh says nothing changed (no new plan).
    p.checked.length = 0;
    p.answers.note(added('<button class="save">Save</button>'));
    expect(p.answers.refresh()).toBe(false);
    expect(p.checked).toEqual(['button.save']);
  });

  it('checks marked answers within the budget, oldest first, and reports the rest as left for later', () => {
    const p = fakePage(1);
    const targets = Array.from({ length: 20 }, (_, i) => ({ selector: `.tip-${i}` }));
    plan(p.answers, targets);
    // The first plan checks what the budget allows; the rest are taken as absent, marked.
    expect(p.checked).toHaveLength(8);
    expect(p.answers.takeBehind()).toBe(true);
    expect(p.answers.takeBehind()).toBe(false);
    expect(p.answers.marked).toBe(12);
    p.on.add('.tip-15');
    // Too soon: the window's budget is spent.
    expect(p.answers.refresh()).toBe(false);
    expect(p.checked).toHaveLength(8);
    p.wait(50);
    // The next window: the eight oldest marks, .tip-15 among them, found on the page.
    expect(p.answers.refresh()).toBe(true);
    expect(p.checked.slice(8)).toEqual(['.tip-8', '.tip-9', '.tip-10', '.tip-11', '.tip-12', '.tip-13', '.tip-14', '.tip-15']);
    expect(p.answers.takeBehind()).toBe(true);
    p.wait(50);
    expect(p.answers.refresh()).toBe(false);
    expect(p.checked).toHaveLength(20);
    expect(p.answers.marked).toBe(0);
    expect(p.answers.takeBehind()).toBe(false);
    expect(plan(p.answers, targets)[15]).toBe(true);
  });

  it('a refresh that finds an answer changed', () => {
    const p = fakePage(1);
    plan(p.answers, [{ selector: '.late' }]);
    p.on.add('.late');
    p.answers.note(EVERYTHING);
    expect(p.answers.refresh()).toBe(true);
  });

  it('forgets answers a plan no longer asks for, and everything on a new page', () => {
    const p = fakePage();
    plan(p.answers, [{ selector: '.a' }, { selector: '.b' }]);
    plan(p.answers, [{ selector: '.a' }]);
    p.checked.length = 0;
    plan(p.answers, [{ selector: '.a' }, { selector: '.b' }]);
    expect(p.checked).toEqual(['.b']);
    p.answers.reset();
    p.checked.length = 0;
    plan(p.answers, [{ selector: '.a' }]);
    expect(p.checked).toEqual(['.a']);
  });

  it('a suspended selector is absent, says why, and is never checked again on the page', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const p = fakePage(40);
    const slow = { selector: 'main .slow' };
    expect(plan(p.answers, [slow])).toEqual([false]);
    expect(p.answers.suspendedWhy(slow)).toMatch(/took 40 ms/);
    p.checked.length = 0;
    p.answers.note(EVERYTHING);
    p.wait(100);
    p.answers.refresh();
    expect(p.checked).toEqual([]);
  });
});

describe('selector answers: suspensions', () => {
  it('a suspension found by a refresh asks for one plan once every marked answer is checked, not one per suspension', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let t = 0;
    const slow = new Set(['.s1', '.s2']);
    const a = createSelectorAnswers({
      now: () => t,
      scope: () => (target) => {
        t += slow.has(target.selector) ? 20 : 1;
        return false;
      },
      budget: { batchMs: 8, suspendMs: 16, windowMs: 50 },
    });
    const targets = ['.a', '.s1', '.s2', '.b'].map((selector) => ({ selector }));
    plan(a as ReturnType<typeof fakePage>['answers'], targets.slice(0, 1));
    a.beginPlan();
    for (const tg of targets) a.present(tg);
    a.endPlan();
    // .s1 was checked in that plan (20 ms: suspended); .s2 and .b wait for the next window.
    expect(a.suspendedWhy({ selector: '.s1' })).toMatch(/took 20 ms/);
    t += 50;
    // .s2 is suspended now, .b is left: no plan yet.
    expect(a.refresh()).toBe(false);
    expect(a.marked).toBe(1);
    t += 50;
    // Everything checked: one plan, for the suspensions.
    expect(a.refresh()).toBe(true);
    expect(a.suspendedWhy({ selector: '.s2' })).toMatch(/took 20 ms/);
  });
});
