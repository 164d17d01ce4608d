// The rule editor's audience as React state: the rows, the JSON someone is typing, and the errors shown on
// rows (the builder's own checks and the server's 422 `audience.all[1].fact`). `resolve` is what 保存 and
// 预览受众 call: it applies typed JSON first, checks every row and answers the predicate or null.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { FieldError } from '../../api/client';
import type { Fact, Operator, Predicate } from '../../api/notices';
import {
  audienceToPredicate,
  draftPredicate,
  parsePredicateJson,
  predicateToAudience,
  rowIndexOfField,
  type Audience,
  type AudienceRow,
  type Combinator,
} from './audience';

interface State {
  audience: Audience;
  /** What is typed in the JSON panel and not yet applied; null when the panel shows the rows. */
  jsonText: string | null;
  jsonError: string | null;
  rowErrors: Record<number, string>;
  /** An error about the audience as a whole (none at all, too broad, …). */
  audienceError: string | null;
  /** Edited since the last `load`: the page says there are unsaved changes. */
  changed: boolean;
}

export type AudienceRowPatch = Partial<Omit<AudienceRow, 'key'>>;

export function useAudience(facts: Fact[]) {
  const lastKey = useRef(0);
  const newKey = useCallback(() => ++lastKey.current, []);
  const [state, setState] = useState<State>(() => ({
    audience: { combinator: 'all', rows: [{ key: newKey(), not: false }], custom: null },
    jsonText: null,
    jsonError: null,
    rowErrors: {},
    audienceError: null,
    changed: false,
  }));

  /** Every edit goes through here: the preview is out of date and the audience-wide error is answered. */
  const edit = useCallback((change: (s: State) => Partial<State>) => {
    setState((s) => ({ ...s, audienceError: null, ...change(s), changed: true }));
  }, []);

  /** Shows a saved rule's audience (or a fresh one). Predicates the rows cannot show stay as JSON. */
  const load = useCallback(
    (predicate: Predicate | null) => {
      const rows = predicateToAudience(predicate, newKey);
      setState({
        audience: rows ?? { combinator: 'all', rows: [], custom: predicate },
        jsonText: null,
        jsonError: null,
        rowErrors: {},
        audienceError: null,
        changed: false,
      });
    },
    [newKey],
  );

  const setCombinator = useCallback(
    (combinator: Combinator) => edit((s) => ({ audience: { ...s.audience, combinator }, rowErrors: {} })),
    [edit],
  );

  const addRow = useCallback(
    () => edit((s) => ({ audience: { ...s.audience, rows: [...s.audience.rows, { key: newKey(), not: false }] } })),
    [edit, newKey],
  );

  const removeRow = useCallback(
    (index: number) =>
      // Indexes move, so errors by index no longer point at the right rows.
      edit((s) => ({ audience: { ...s.audience, rows: s.audience.rows.filter((_, i) => i !== index) }, rowErrors: {} })),
    [edit],
  );

  const updateRow = useCallback(
    (index: number, patch: AudienceRowPatch) =>
      edit((s) => {
        const rows = s.audience.rows.map((row, i) => {
          if (i !== index) return row;
          const next = { ...row, ...patch };
          // Another fact or operator makes the typed values meaningless.
          if ('fact' in patch && patch.fact !== row.fact) {
            const fact = facts.find((f) => f.fact === patch.fact);
            return { key: row.key, not: row.not, fact: patch.fact, op: fact?.operators[0] as Operator | undefined };
          }
          if ('op' in patch && patch.op !== row.op) return { key: row.key, not: row.not, fact: row.fact, op: patch.op };
          return next;
        });
        const rowErrors = { ...s.rowErrors };
        delete rowErrors[index];
        return { audience: { ...s.audience, rows }, rowErrors };
      }),
    [edit, facts],
  );

  const editJson = useCallback((text: string) => edit(() => ({ jsonText: text, jsonError: null })), [edit]);

  const discardJson = useCallback(() => edit(() => ({ jsonText: null, jsonError: null })), [edit]);

  /** Parses typed JSON into rows (or keeps it as a custom predicate); null when it does not parse. */
  const applyJsonText = useCallback(
    (text: string): Predicate | null => {
      const parsed = parsePredicateJson(text);
      if ('error' in parsed) {
        setState((s) => ({ ...s, jsonError: parsed.error }));
        return null;
      }
      const rows = predicateToAudience(parsed.predicate, newKey);
      edit(() => ({
        audience: rows ?? { combinator: 'all', rows: [], custom: parsed.predicate },
        jsonText: null,
        jsonError: null,
        rowErrors: {},
      }));
      return parsed.predicate;
    },
    [edit, newKey],
  );

  const applyJson = useCallback(() => {
    if (state.jsonText !== null) applyJsonText(state.jsonText);
  }, [state.jsonText, applyJsonText]);

  /** Leaves a custom predicate for the rows, starting again with one empty row. */
  const switchToRows = useCallback(
    () => edit(() => ({ audience: { combinator: 'all', rows: [{ key: newKey(), not: false }], custom: null }, jsonText: null })),
    [edit, newKey],
  );

  /** The predicate to send, or null after showing what is wrong. */
  const resolve = useCallback((): Predicate | null => {
    if (state.jsonText !== null) return applyJsonText(state.jsonText);
    const result = audienceToPredicate(state.audience, facts);
    if ('predicate' in result) return result.predicate;
    setState((s) => ({ ...s, rowErrors: result.rowErrors, audienceError: result.error }));
    return null;
  }, [state.jsonText, state.audience, facts, applyJsonText]);

  /** The server's 422 errors about the audience: on their rows where they name one, else on the whole. */
  const showServerErrors = useCallback((errors: FieldError[]) => {
    setState((s) => {
      const rowErrors: Record<number, string> = {};
      const general: string[] = [];
      for (const e of errors) {
        if (e.field !== 'audience' && !e.field.startsWith('audience.')) continue;
        const index = s.audience.custom ? null : rowIndexOfField(e.field, s.audience.combinator);
        if (index !== null && index < s.audience.rows.length) {
          rowErrors[index] = rowErrors[index] ? `${rowErrors[index]}；${e.message}` : e.message;
        } else {
          general.push(e.field === 'audience' ? e.message : `${e.field}：${e.message}`);
        }
      }
      return { ...s, rowErrors, audienceError: general.length > 0 ? general.join('；') : null };
    });
  }, []);

  /** The complete rows as a predicate: what the JSON panel shows and what a preview is compared with. */
  const draft = useMemo(() => draftPredicate(state.audience, facts), [state.audience, facts]);
  const jsonShown = useMemo(() => state.jsonText ?? JSON.stringify(draft, null, 2), [state.jsonText, draft]);

  return {
    ...state,
    draft,
    jsonShown,
    jsonDirty: state.jsonText !== null,
    load,
    setCombinator,
    addRow,
    removeRow,
    updateRow,
    editJson,
    applyJson,
    discardJson,
    switchToRows,
    resolve,
    showServerErrors,
  };
}

export type AudienceState = ReturnType<typeof useAudience>;
