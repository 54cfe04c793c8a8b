// SSR has every locale in memory, added synchronously, so `locale.set()` during render never waits.
import { addMessages, init } from 'svelte-i18n';
import { DEFAULT_LOCALE } from './config';
import en from './locales/en';
import vi from './locales/vi';

addMessages('vi', vi);
addMessages('en', en);
await init({ fallbackLocale: DEFAULT_LOCALE, initialLocale: DEFAULT_LOCALE });
