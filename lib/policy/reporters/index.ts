import { ReportBundle } from '../report';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';

/** Output formats of `aira check`. */
export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
/** One output format of `aira check` (`'text'`, `'json'`, `'sarif'`, `'junit'`, `'markdown'` or `'html'`). */
export type Format = (typeof FORMATS)[number];

/** Renders a report in one format. */
export function render(format: Format, bundle: ReportBundle, opts: { readonly color?: boolean } = {}): string {
  switch (format) {
    case 'text':
      return renderText(bundle, opts);
    case 'json':
      return renderJson(bundle);
    case 'sarif':
      return renderSarif(bundle);
    case 'junit':
      return renderJunit(bundle);
    case 'markdown':
      return renderMarkdown(bundle);
    case 'html':
      return renderHtml(bundle);
  }
}

export { renderHtml, renderJson, renderJunit, renderMarkdown, renderSarif, renderText };
export { renderRulesJson, renderRulesMarkdown, renderRulesText, rulesCatalog } from './rules-catalog';
export { complianceMarkdown, complianceText, renderControlMatrixJson, renderControlMatrixMarkdown, renderControlMatrixText } from './compliance';
