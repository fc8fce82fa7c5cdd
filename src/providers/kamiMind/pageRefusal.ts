// A 200 whose body is a web page is a captive portal (hotel or café Wi-Fi), a proxy's sign-in or
// block page, or a wrong base URL: never an answer. Labelled text/html it is refused by its type
// (sendMessage.ts); some portals and proxies leave the type out or call it text/plain, and read
// as raw text the page was shown as the bot's finished answer.
import { providerError } from '../messages';
import type { StreamMapper } from '../stream/types';
import type { ChatEvent } from '../types';
import type { KmStreamState } from './streamEvents';
import { localized } from '../../shared/localized';

const PAGE_STARTS = ['<!doctype html', '<html'];

/** True for a body that starts like an HTML document; undefined while the start cannot tell. */
export function startsLikePage(start: string, ended: boolean): boolean | undefined {
  const lower = start.slice(0, 32).toLowerCase();
  if (PAGE_STARTS.some((page) => lower.startsWith(page))) return true;
  const mayStillBe = PAGE_STARTS.some((page) => page.startsWith(lower));
  return mayStillBe && !ended ? undefined : false;
}

/** Ends the answer at once with the error that says a page came, not an answer. */
export function createKmPageRefusal(state: KmStreamState): StreamMapper {
  let refused = false;
  const refuse = (): ChatEvent[] => {
    if (refused) return [];
    refused = true;
    const error = providerError('protocol', state.service, {
      serverMessage: localized(
        'a web page, such as a Wi-Fi or proxy sign-in page, instead of an answer',
      ),
      detail: `${state.service.name} stream body is an HTML page`,
    });
    return [{ type: 'error', error, partialText: state.text }];
  };
  return {
    feed: refuse,
    end: refuse,
    get partialText() {
      return state.text;
    },
  };
}
