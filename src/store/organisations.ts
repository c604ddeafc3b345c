/** 地区 (regions) and 组织 (主管部门 and their 单位). */
import type { Organisation, Region, RegionLevel } from '../api/contract.js';
import type { Db, Row } from './db.js';
import { int, intOrNull, mapDuplicate, str } from './rows.js';
import type { Store } from './types.js';

type OrganisationMethods = Pick<Store,
  'addRegion' | 'listRegions' | 'regionSubtree' | 'addOrganisation' | 'getOrganisation' | 'listOrganisations'>;

const toRegion = (r: Row): Region => ({
  id: int(r.id),
  code: str(r.code),
  name: str(r.name),
  level: str(r.level) as RegionLevel,
  parentId: intOrNull(r.parent_id),
});

const toOrganisation = (r: Row): Organisation => ({
  id: int(r.id),
  code: str(r.code),
  name: str(r.name),
  kind: str(r.kind) as Organisation['kind'],
  parentId: intOrNull(r.parent_id),
  regionId: int(r.region_id),
});

export function organisationMethods(db: Db): OrganisationMethods {
  return {
    addRegion: (r) => mapDuplicate(async () => {
      const rows = await db.query(
        'INSERT INTO regions (code, name, level, parent_id) VALUES ($1, $2, $3, $4) RETURNING *',
        [r.code, r.name, r.level, r.parentId],
      );
      return toRegion(rows[0]!);
    }),

    async listRegions() {
      return (await db.query('SELECT * FROM regions ORDER BY id')).map(toRegion);
    },

    async regionSubtree(regionId) {
      const rows = await db.query(
        `WITH RECURSIVE sub(id) AS (
           SELECT id FROM regions WHERE id = $1
           UNION
           SELECT r.id FROM regions r JOIN sub ON r.parent_id = sub.id
         )
         SELECT id FROM sub ORDER BY id`,
        [regionId],
      );
      return rows.map((r) => int(r.id));
    },

    addOrganisation: (o) => mapDuplicate(async () => {
      const rows = await db.query(
        'INSERT INTO organisations (code, name, kind, parent_id, region_id) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [o.code, o.name, o.kind, o.parentId, o.regionId],
      );
      return toOrganisation(rows[0]!);
    }),

    async getOrganisation(id) {
      const rows = await db.query('SELECT * FROM organisations WHERE id = $1', [id]);
      return rows[0] ? toOrganisation(rows[0]) : null;
    },

    async listOrganisations(filter = {}) {
      const rows = await db.query(
        `SELECT * FROM organisations
          WHERE ($1::integer[] IS NULL OR region_id = ANY ($1::integer[]))
            AND ($2::integer[] IS NULL OR id = ANY ($2::integer[]))
            AND ($3::text[] IS NULL OR code = ANY ($3::text[]))
          ORDER BY id`,
        [filter.regionIds ?? null, filter.ids ?? null, filter.codes ?? null],
      );
      return rows.map(toOrganisation);
    },
  };
}
