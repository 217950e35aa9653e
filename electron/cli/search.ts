import type { Command } from 'commander';
import { CallListRequestSchema, HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/calls';
import { listCalls } from '../store/call-list';
import type { CliContext } from './context';
import { parseLimit } from './input';

type WithContext = (action: (context: CliContext) => Promise<void>) => Promise<void>;

/** Highlights as the terminal can show them: bold on a terminal, [brackets] in a pipe. */
const plainHighlights = (snippet: string, bold: boolean) =>
  snippet.replaceAll(HIGHLIGHT_START, bold ? '\x1b[1m' : '[').replaceAll(HIGHLIGHT_END, bold ? '\x1b[22m' : ']');

export function registerSearchCommand(program: Command, withContext: WithContext): void {
  program
    .command('search <query>')
    .description('full-text search over names, numbers, summaries and transcripts, offline')
    .option('--limit <n>', 'how many calls (1-500)', '20')
    .option('--json', 'print JSON')
    .action((query: string, options: { limit: string; json?: boolean }) =>
      withContext(async (context) => {
        const page = listCalls(
          context.db,
          CallListRequestSchema.parse({ search: query, limit: parseLimit(options.limit), sort: { column: 'relevance', direction: 'asc' } }),
        );
        if (options.json) return context.out(JSON.stringify(page, null, 2));
        if (!page.rows.length) return context.out(`No calls match "${query}".`);
        const bold = process.stdout.isTTY === true;
        for (const call of page.rows) {
          const who = call.contactName ?? call.contactNumber ?? 'unknown contact';
          context.out(`${new Date(call.startedAtMs).toLocaleString()}  ${call.connectionLabel}  ${who}  ${call.status}`);
          if (call.snippet) context.out(`    ${plainHighlights(call.snippet, bold).replace(/\s+/g, ' ')}`);
        }
        context.out(`${page.rows.length} of ${page.total.toLocaleString()}${page.totalCapped ? '+' : ''} matching calls.`);
      }),
    );
}
