/** A small hash router: #/datasets/3 → { name, params }. */
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'login' }
  | { name: 'datasets' }
  | { name: 'dataset'; id: number; tab: string }
  | { name: 'import' }
  | { name: 'bundles' }
  | { name: 'admin' }
  | { name: 'summary' }
  | { name: 'reviews' }
  | { name: 'review'; id: number; fileId: number | null };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'login') return { name: 'login' };
  if (parts[0] === 'datasets' && parts[1] && /^\d+$/.test(parts[1])) return { name: 'dataset', id: Number(parts[1]), tab: parts[2] ?? 'edit' };
  if (parts[0] === 'import') return { name: 'import' };
  if (parts[0] === 'bundles') return { name: 'bundles' };
  if (parts[0] === 'admin') return { name: 'admin' };
  if (parts[0] === 'summary') return { name: 'summary' };
  if (parts[0] === 'reviews' && parts[1] && /^\d+$/.test(parts[1])) {
    return { name: 'review', id: Number(parts[1]), fileId: parts[2] === 'files' && parts[3] && /^\d+$/.test(parts[3]) ? Number(parts[3]) : null };
  }
  if (parts[0] === 'reviews') return { name: 'reviews' };
  return { name: 'datasets' };
}

export function navigate(path: string): void {
  window.location.hash = path.startsWith('#') ? path : `#${path}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
