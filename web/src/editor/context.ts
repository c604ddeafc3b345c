import { createContext, useContext } from 'react';
import type { Path } from './paths.js';

export type NoteKind = 'error' | 'warning' | 'info' | 'comment';
export interface FieldNote {
  kind: NoteKind;
  text: string;
  /** 'schema' (the data cannot be read), 'live' (rule pack in the browser), 'server', 'comment'. */
  source: 'schema' | 'live' | 'server' | 'comment';
}

export interface EditorApi {
  data: Record<string, unknown>;
  year: number;
  readOnly: boolean;
  set: (p: Path, value: unknown) => void;
  /** Notes attached to exactly this path (after anchor resolution). */
  notesAt: (path: string) => FieldNote[];
  /** Reviewers: add a comment on a field. */
  onComment?: (path: string) => void;
}

export const EditorContext = createContext<EditorApi | null>(null);
export function useEditor(): EditorApi {
  const e = useContext(EditorContext);
  if (!e) throw new Error('no editor');
  return e;
}

/** The DOM id of a field, for jumping to it. */
export const fieldDomId = (path: string): string => `field:${path}`;
