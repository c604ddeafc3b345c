import type { SectionId } from '../../profiles/index.js';
import type { SectionWriter } from '../context.js';
import { annexSection } from './annex.js';
import { basicSection } from './basic.js';
import { expenseSection } from './expense.js';
import { fiscalSection } from './fiscal.js';
import { govFundSection, stateCapitalSection } from './funds.js';
import { generalBudgetSection } from './generalBudget.js';
import { glossarySection } from './glossary.js';
import { incomeSection } from './income.js';
import { assetsSection, operatingCostSection, otherSection, procurementSection } from './otherMatters.js';
import { dutiesSection, organisationSection, staffingSection } from './overview.js';
import { performanceSection } from './performance.js';
import { sangongSection } from './sangong.js';
import { totalsSection } from './totals.js';

/** Every section writer, by the id profiles use. */
export const SECTION_WRITERS: Readonly<Record<SectionId, SectionWriter>> = {
  'overview.duties': dutiesSection,
  'overview.organisation': organisationSection,
  'overview.staffing': staffingSection,
  'explain.totals': totalsSection,
  'explain.income': incomeSection,
  'explain.expense': expenseSection,
  'explain.fiscal': fiscalSection,
  'explain.generalBudget': generalBudgetSection,
  'explain.basic': basicSection,
  'explain.sangong': sangongSection,
  'explain.govFund': govFundSection,
  'explain.stateCapital': stateCapitalSection,
  'explain.performance': performanceSection,
  'explain.operatingCost': operatingCostSection,
  'explain.procurement': procurementSection,
  'explain.assets': assetsSection,
  'explain.other': otherSection,
  glossary: glossarySection,
  'annex.evaluations': annexSection,
};
