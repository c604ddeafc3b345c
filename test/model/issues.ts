// The issues a dataset text is refused with (tests of the schema and the loader).
import { DatasetError, parseDataset, type DatasetIssue } from '../../src/model/index.js';

export function issuesOf(source: string, file = 'bad.yaml'): DatasetIssue[] {
  try {
    parseDataset(source, file);
  } catch (e) {
    if (e instanceof DatasetError) return e.issues;
    throw e;
  }
  throw new Error('expected a DatasetError');
}
