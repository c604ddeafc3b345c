/** Synthetic datasets for tests and benchmarks: `juesuan synth`. */
import { rawToYaml } from '../model/save.js';
import { synthDataset } from './dataset.js';

export { synthDataset, type RawDataset } from './dataset.js';

/** File name of unit `index` (0-based): unit-00001.yaml … */
export function synthFileName(index: number): string {
  return `unit-${String(index + 1).padStart(5, '0')}.yaml`;
}

/** The YAML text of unit `index` of the run with `seed`. */
export function synthYaml(seed: number, index: number): string {
  return rawToYaml(synthDataset(seed, index), {
    header: [`合成数据（juesuan synth --seed ${seed}，第 ${index + 1} 个单位），仅供测试和性能测量，不是真实单位。`],
  });
}
