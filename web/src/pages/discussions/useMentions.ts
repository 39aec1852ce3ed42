import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Discussion } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { Person } from './PeoplePicker.tsx';

/** The "@word" being typed just before the caret (start: where the @ is). */
export function mentionAt(text: string, caret: number): { start: number; q: string } | null {
  const m = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[2]!.length - 1, q: m[2]! } : null;
}

/**
 * Who can be mentioned while typing "@…": the members of a group or dialog, or for a discussion
 * about an object, people found by the user search (the server keeps only those who may see it).
 */
export function useMentions(discussion: Discussion, meId: string, text: string, caret: number) {
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const at = mentionAt(text, caret);
  const q = at?.q.toLowerCase() ?? '';
  const contextual = discussion.kind === 'object';
  const found = useQuery({
    queryKey: keys.peopleSearch(`mention:${q}`),
    queryFn: () => client.users.list({ q: q || undefined, limit: 8 }).then((r) => r.items.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name }))),
    enabled: contextual && !!at,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options: Person[] = useMemo(() => {
    if (!at) return [];
    const pool = contextual ? (found.data ?? []) : discussion.members;
    return pool.filter((p) => p.id !== meId && (contextual || p.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)) || p.name.toLowerCase().includes(q))).slice(0, 8);
  }, [at?.start, q, contextual, found.data, discussion.members, meId]);
  const open = !!at && options.length > 0 && dismissed !== at.start;
  return {
    open,
    at,
    options,
    active: Math.min(active, Math.max(0, options.length - 1)),
    move: (d: number) => setActive((a) => (a + d + options.length) % Math.max(1, options.length)),
    dismiss: () => at && setDismissed(at.start),
    reset: () => setActive(0),
  };
}
