/** Chinese labels of the 自评表 fund rows, shared by the report tables and the rule messages. */
export { FUND_SOURCE_LABELS } from '../model/schema.js';
