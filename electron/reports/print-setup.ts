import type { PageSetup, HeaderFooter } from 'exceljs';

/**
 * How every sheet prints: landscape, as wide as one page and as long as it
 * needs (fitToHeight 0 means "any number of pages"), the header row on each
 * page, narrow margins, and the sheet's name and "page n of m" at the foot.
 * Without it a 17-column calls sheet printed 962 portrait pages, its columns
 * scattered across them, and the About sheet's labels and values on different pages.
 * The paper size is left to the printer's default (A4 or Letter).
 */
export function printSetup(titleRows: string | null): Partial<PageSetup> {
  return {
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.25, footer: 0.3 },
    horizontalCentered: false,
    ...(titleRows === null ? {} : { printTitlesRow: titleRows }),
  };
}

export const PRINT_FOOTER: Partial<HeaderFooter> = { oddFooter: '&L&8&A&R&8Page &P of &N' };
