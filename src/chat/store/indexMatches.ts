/**
 * The conversations the index matched, as parallel lists: a common word matches nearly every
 * conversation, and an object per match cost about as much to make and sort as the lookup.
 */
export interface IndexMatches {
  conversationIds: string[];
  /** The index's score (MiniSearch's relevance) of each. */
  scores: Float64Array;
  /** When each last changed, for ranking recent ones first. */
  updatedAt: Float64Array;
}

export function noMatches(): IndexMatches {
  return { conversationIds: [], scores: new Float64Array(0), updatedAt: new Float64Array(0) };
}
