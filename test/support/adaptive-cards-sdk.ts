import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type * as AdaptiveCards from 'adaptivecards';
import type { AdaptiveCard } from '../../src/faces/teams/adaptive-card.ts';

// The package's ES build imports files without extensions, which Node cannot load; its UMD bundle can.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Teams' own extension of the card; the SDK does not know it and drops it. */
const TEAMS_ONLY = ['msteams'];

/** The schema's enum values are case-insensitive; the SDK writes them capitalised. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ENUMS.has(k) && typeof v === 'string' ? v.toLowerCase() : normalised(v)]));
}
const ENUMS = new Set(['size', 'weight', 'color', 'spacing', 'fontType', 'style', 'horizontalAlignment']);

/**
 * Parses a card with Microsoft's Adaptive Cards SDK as a 1.5 host would, and asserts that it
 * reports nothing (an unknown element, an invalid value, a feature newer than 1.5), that its own
 * validation finds nothing, and that the SDK writes back the very card it read: a property the
 * SDK does not know (a typo, a made-up style) would be dropped, and show up here.
 */
export function expectValidCard(card: AdaptiveCard, where: string): void {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  expect(events, `${where}: the SDK's parse events`).toEqual([]);
  const validation = parsed.validateProperties();
  const problems = Array.from({ length: validation.validationEvents.length }, (_, i) => validation.validationEvents[i]!.message);
  expect(problems, `${where}: the SDK's validation`).toEqual([]);
  const expected = Object.fromEntries(Object.entries(card).filter(([key]) => !TEAMS_ONLY.includes(key)));
  expect(normalised(parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5))), `${where}: the card as the SDK understood it`).toEqual(normalised(expected));
}
