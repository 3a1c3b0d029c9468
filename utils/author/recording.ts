/**
 * A tour being recorded in author mode (docs/authoring.md "Tours are recorded"): the steps so far
 * and the tour's part of the form, held by the background per tab so the recording survives a full
 * page load (a reload, or a CRM such as SuiteCRM whose Edit loads a new page). It holds what the
 * trainer wrote and the targets (already checked for page values by the target builder); never a
 * field value, a record or a URL. Pure; the background checks what it is sent
 * (recording-store.ts).
 */
import type { AuthorForm, RecordedStep } from './form';

/** More steps than any tour needs. */
export const MAX_RECORDED_STEPS = 50;

export interface Recording {
  form: Pick<AuthorForm, 'tourTitle' | 'crm' | 'object' | 'page' | 'roles' | 'advanceOn'>;
  steps: RecordedStep[];
}

/** The recording of a tour in progress, or null when nothing is being recorded. */
export function recordingOf(form: AuthorForm | null, steps: readonly RecordedStep[]): Recording | null {
  if (!form || form.kind !== 'tour-step' || steps.length === 0) return null;
  const { tourTitle, crm, object, page, roles, advanceOn } = form;
  return { form: { tourTitle, crm, object, page, roles, advanceOn }, steps: steps.map((s) => ({ ...s })) };
}

/** The author form of a restored recording: a tour step, the next one still to write. */
export function formOfRecording(recording: Recording): AuthorForm {
  return { kind: 'tour-step', title: '', body: '', confirmWeak: false, ...recording.form };
}
