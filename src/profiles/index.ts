import { nationalProfile } from './national.js';
import type { Profile } from './profile.js';
import { sichuanProfile } from './sichuan.js';

export * from './profile.js';
export * from './tableSets.js';

export const PROFILES: Readonly<Record<string, Profile>> = {
  sichuan: sichuanProfile,
  national: nationalProfile,
};

export function findProfile(id: string): Profile | undefined {
  return PROFILES[id];
}
