/** Languages a person can say they speak (ISO 639-1); labels live in profile.languages.*. */
export const SPOKEN_LANGUAGES = ['vi', 'en', 'zh', 'km', 'fr'] as const;
export type SpokenLanguage = (typeof SPOKEN_LANGUAGES)[number];
