/** The languages the bot speaks; each has a catalogue (src/i18n/id, src/i18n/en). */
export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];
