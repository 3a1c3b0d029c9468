/**
 * Author mode (docs/authoring.md): point at the page, click to pick, read the proposed target,
 * write, save to the draft pack, and see the item on the page at once. Everything is drawn in the
 * overlay's shadow root; the CRM's DOM is never touched and gets no pointer event while picking
 * (a transparent layer takes them). Escape leaves. Tours are recorded step by step, across the
 * CRM's own navigations (the page stays usable between picks).
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { AuthorHost } from '@/utils/author/bridge';
import type { FieldModel, PageModel } from '@/utils/crm/types';
import { countMatches, matchElements, proposeForField, proposeTargets, type PageContext, type Strength, type TargetCandidate } from '@/utils/author/target';
import { draftItemOf, formForPage, stepOf, type AuthorForm, type FormProblem, type RecordedStep } from '@/utils/author/form';
import { lintPack, lintProblems, type LintRow } from '@/utils/author/draft';
import { formOfRecording, recordingOf } from '@/utils/author/recording';
import { AuthorCard, type AuthorStatus } from './AuthorCard';
import { boxOf, describe, elementAt, type Box } from './picker';

type Mode = 'picking' | 'card' | 'bar';

interface Picked {
  element: Element | null;
  candidates: TargetCandidate[];
  side: 'left' | 'right';
}

const MAX_FIELDS = 150;

export function AuthorMode({ host, onExit }: { host: AuthorHost; onExit(): void }) {
  const view = useSyncExternalStore(host.subscribe, host.view);
  const model: PageModel | null = view?.model ?? null;
  const [mode, setMode] = useState<Mode>('picking');
  const [hover, setHover] = useState<{ box: Box; label: string } | null>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [chosen, setChosen] = useState(0);
  const [form, setForm] = useState<AuthorForm | null>(null);
  const [steps, setSteps] = useState<RecordedStep[]>([]);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [status, setStatus] = useState<AuthorStatus>(null);
  const [lint, setLint] = useState<LintRow[] | null>(null);
  const [showFields, setShowFields] = useState(false);
  const [filter, setFilter] = useState('');
  const [frame, setFrame] = useState(0);
  const raf = useRef(0);
  const bannerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    host.watch(true);
    return () => host.watch(false);
  }, [host]);

  // A tour being recorded in this tab before a full page load carries on where it was.
  useEffect(() => {
    let live = true;
    sendMessage('getAuthorRecording').then(
      (recording) => {
        if (!live || !recording) return;
        setSteps(recording.steps);
        setForm(formOfRecording(recording));
        setStatus({ kind: 'ok', text: t('author_recording_restored', recording.form.tourTitle, recording.steps.length) });
        setMode('bar');
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  /** Keeps the recording in the background (null ends it); a lost message only loses the reload safety. */
  const keepRecording = (next: ReturnType<typeof recordingOf>) => {
    sendMessage('setAuthorRecording', next).catch(() => undefined);
  };

  const ctx = useCallback((): PageContext | null => (model ? { doc: host.doc, model, shadowRootOf: host.shadowRootOf } : null), [host, model]);

  // Outlines follow scrolling and resizing (no polling: only when the page moves).
  useEffect(() => {
    const onMove = () => {
      cancelAnimationFrame(raf.current);
      raf.current = requestAnimationFrame(() => setFrame((n) => n + 1));
    };
    window.addEventListener('scroll', onMove, { capture: true, passive: true });
    window.addEventListener('resize', onMove, { passive: true });
    return () => {
      cancelAnimationFrame(raf.current);
      window.removeEventListener('scroll', onMove, { capture: true });
      window.removeEventListener('resize', onMove);
    };
  }, []);

  const leave = useCallback(() => {
    setMode('picking');
    setPicked(null);
    // Leaving on purpose ends a recording; only a page load keeps it.
    sendMessage('setAuthorRecording', null).catch(() => undefined);
    onExit();
  }, [onExit]);

  // Escape leaves while picking, even when focus is still in the CRM page.
  useEffect(() => {
    if (mode !== 'picking') return;
    bannerRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      if (steps.length) setMode('bar');
      else leave();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [mode, leave, steps.length]);

  const openCard = (element: Element | null, candidates: TargetCandidate[]) => {
    const box = element ? boxOf(element) : null;
    const side = box && box.left + box.width / 2 < window.innerWidth / 2 ? 'right' : 'left';
    setPicked({ element, candidates, side });
    setChosen(0);
    setProblem(null);
    setStatus(null);
    setLint(null);
    setHover(null);
    if (model) {
      // A tour keeps its `when` and title from the first step; a new item starts from this page.
      setForm((prev) => (prev && prev.kind === 'tour-step' && steps.length ? { ...prev, title: '', body: '', confirmWeak: false } : formForPage(model, prev?.kind === 'tour-step' ? 'tour-step' : 'tip')));
    }
    setMode('card');
  };

  const pickAt = (x: number, y: number) => {
    const c = ctx();
    const el = elementAt(host.doc, x, y, host.host, host.shadowRootOf);
    if (!c || !el) return;
    openCard(el, proposeTargets(el, c));
  };

  const pickField = (f: FieldModel) => {
    if (!model) return;
    setShowFields(false);
    openCard(f.element, proposeForField(f, model));
  };

  const current = picked?.candidates[chosen] ?? null;
  // The live count and the outlines of what the chosen target matches (page changes re-render through the view).
  const matched = useMemo(() => {
    const c = ctx();
    return current && c ? matchElements(current.target, c) : [];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, view, frame]);
  const liveCount = useMemo(() => {
    const c = ctx();
    return current && c ? (matched.length < 50 ? matched.length : countMatches(current.target, c)) : 0;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [matched]);
  const strength: Strength = !current ? 'weak' : liveCount !== 1 ? 'weak' : current.strength;

  const save = async () => {
    if (!form || !current) return;
    let all = steps;
    if (form.kind === 'tour-step' && form.body.trim()) {
      const s = stepOf(form, current.target, strength === 'weak');
      if ('problem' in s) return setProblem(s.problem);
      all = [...steps, s.step];
    }
    const made = draftItemOf(form, current.target, strength === 'weak', all);
    if ('problem' in made) return setProblem(made.problem);
    setProblem(null);
    setStatus({ kind: 'busy', text: t('author_saving') });
    try {
      const result = await sendMessage('saveDraftItem', made.item);
      if (!result.ok) {
        setStatus({ kind: 'error', text: result.errors.join('; ') });
        return;
      }
      setSteps([]);
      setForm(null);
      keepRecording(null);
      setStatus({ kind: 'ok', text: t('author_saved', result.key ?? '') });
      host.reload();
      setMode('bar');
    } catch (err) {
      setStatus({ kind: 'error', text: String(err) });
    }
  };

  const addStep = () => {
    if (!form || !current) return;
    const s = stepOf(form, current.target, strength === 'weak');
    if ('problem' in s) return setProblem(s.problem);
    const next = [...steps, s.step];
    setSteps(next);
    setForm({ ...form, title: '', body: '', confirmWeak: false });
    keepRecording(recordingOf(form, next));
    setStatus({ kind: 'ok', text: t('author_step_added', steps.length + 1) });
    setMode('bar');
  };

  const testPack = async () => {
    const c = ctx();
    if (!c || !model) return;
    const draft = await sendMessage('getDraftPack').catch(() => null);
    if (!draft) {
      setLint([]);
      setStatus({ kind: 'error', text: t('author_no_draft') });
      return;
    }
    const rows = lintPack(draft, model, (target) => countMatches(target, c));
    setLint(lintProblems(rows));
    setStatus({ kind: 'ok', text: t('author_test_summary', rows.length, lintProblems(rows).length) });
  };

  const fields = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = (model?.fields ?? []).filter((f) => f.visible);
    return q ? all.filter((f) => f.label.toLowerCase().includes(q) || f.apiName.toLowerCase().includes(q)) : all;
  }, [model, filter]);

  const boxes = (mode === 'card' ? matched : []).map(boxOf).filter((b): b is Box => !!b);
  const pickedBox = mode === 'card' && picked?.element ? boxOf(picked.element) : null;
  void frame;

  return (
    <div className="cc-root cc-author-root">
      {mode === 'picking' && (
        <div
          className="cc-author-glass"
          data-coach-author-glass=""
          onPointerMove={(e) => {
            const el = elementAt(host.doc, e.clientX, e.clientY, host.host, host.shadowRootOf);
            const box = el ? boxOf(el) : null;
            setHover(el && box ? { box, label: describe(el) } : null);
          }}
          onPointerDown={(e) => e.preventDefault()}
          onClick={(e) => {
            e.preventDefault();
            e.stopPropagation();
            pickAt(e.clientX, e.clientY);
          }}
          onContextMenu={(e) => e.preventDefault()}
        />
      )}
      {mode === 'picking' && hover && (
        <div className="cc-author-outline" data-coach-author-hover="" style={{ top: hover.box.top, left: hover.box.left, width: hover.box.width, height: hover.box.height }}>
          <span className="cc-author-outline-label">{hover.label}</span>
        </div>
      )}
      {boxes.map((b, i) => (
        <div key={i} className="cc-author-outline cc-author-match" data-coach-author-match="" style={{ top: b.top, left: b.left, width: b.width, height: b.height }} />
      ))}
      {pickedBox && boxes.length === 0 && (
        <div className="cc-author-outline cc-author-picked" style={{ top: pickedBox.top, left: pickedBox.left, width: pickedBox.width, height: pickedBox.height }} />
      )}

      {mode === 'picking' && (
        <div className="cc-author-banner" ref={bannerRef} tabIndex={-1} role="region" aria-label={t('author_card_title')} data-coach-author-banner="">
          <p>{steps.length ? t('author_pick_step', steps.length + 1) : t('author_pick_hint')}</p>
          <div className="cc-actions">
            <button type="button" className="cc-btn cc-btn-small" aria-expanded={showFields} onClick={() => setShowFields((s) => !s)}>
              {t('author_pick_field')}
            </button>
            <button type="button" className="cc-btn cc-btn-small" onClick={() => (steps.length ? setMode('bar') : leave())}>
              {t('author_cancel')}
            </button>
          </div>
          {showFields && (
            <div className="cc-author-fields">
              <input className="cc-input" type="search" aria-label={t('author_filter_fields')} placeholder={t('author_filter_fields')} value={filter} onChange={(e) => setFilter(e.target.value)} />
              <ul className="cc-list" data-coach-author-fields="">
                {fields.slice(0, MAX_FIELDS).map((f, i) => (
                  <li key={i}>
                    <button type="button" className="cc-field-btn" onClick={() => pickField(f)}>
                      {f.label} <span className="cc-mono cc-row-sub">{f.apiName}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}

      {mode === 'card' && picked && form && (
        <AuthorCard
          candidates={picked.candidates}
          chosen={chosen}
          matches={liveCount}
          strength={strength}
          form={form}
          steps={steps}
          problem={problem}
          status={status}
          side={picked.side}
          onChoose={(i) => {
            setChosen(i);
            setForm((f) => (f ? { ...f, confirmWeak: false, kind: f.kind === 'nudge-field' && !('field' in picked.candidates[i].target) ? 'tip' : f.kind } : f));
          }}
          onForm={(patch) => {
            setProblem(null);
            setForm((f) => (f ? { ...f, ...patch } : f));
          }}
          onSave={() => void save()}
          onAddStep={addStep}
          onPickAgain={() => setMode('picking')}
          onClose={leave}
        />
      )}

      {mode === 'bar' && (
        <div className="cc-author-bar" role="region" aria-label={t('author_card_title')} data-coach-author-bar="">
          {status && (
            <p className={status.kind === 'error' ? 'cc-author-bad' : 'cc-ok-text'} role={status.kind === 'error' ? 'alert' : 'status'}>
              {status.text}
            </p>
          )}
          {steps.length > 0 && (
            <ol className="cc-author-steps" data-coach-author-steps={steps.length}>
              {steps.map((s, i) => (
                <li key={i}>{s.title || s.body}</li>
              ))}
            </ol>
          )}
          {lint && (
            <ul className="cc-why" data-coach-author-lint={lint.length}>
              {lint.map((r, i) => (
                <li key={i} data-coach-author-lint-row={r.key}>
                  <span className="cc-mono">{r.path}</span> {JSON.stringify(r.target)}: {r.matches === 0 ? t('author_lint_none') : t('author_lint_many', r.matches)}
                </li>
              ))}
            </ul>
          )}
          <div className="cc-actions">
            {steps.length > 0 ? (
              <>
                <button type="button" className="cc-btn cc-btn-small cc-btn-primary" onClick={() => setMode('picking')}>
                  {t('author_pick_next_step')}
                </button>
                <button type="button" className="cc-btn cc-btn-small" onClick={() => picked && form && setMode('card')} disabled={!picked || !form}>
                  {t('author_finish_tour')}
                </button>
              </>
            ) : (
              <button type="button" className="cc-btn cc-btn-small cc-btn-primary" onClick={() => setMode('picking')}>
                {t('author_another')}
              </button>
            )}
            <button type="button" className="cc-btn cc-btn-small" onClick={() => void testPack()}>
              {t('author_test_pack')}
            </button>
            <button type="button" className="cc-btn cc-btn-small" onClick={leave}>
              {t('author_done')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
