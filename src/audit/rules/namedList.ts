// "A和B两个项目" / "共N个项目": an exact count must match the names listed (the 等N个 case is rule PM1).
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

export const namedList: TextRule = {
  id: 'TX-list',
  title: '列出的名称个数与所述个数一致',
  run({ x }) {
    const findings = x.lists
      .filter((l) => !l.partial && l.names.length > 0 && l.names.length !== l.count)
      .map((l) => finding('TX-list', 'warning', `${l.label}写为${l.count}个项目，但列出了${l.names.length}个项目名称`, [l.countSpan, l.span], { stated: String(l.count), expected: String(l.names.length), unit: '个' }));
    return result(findings, x.lists.some((l) => l.names.length > 0));
  },
};
