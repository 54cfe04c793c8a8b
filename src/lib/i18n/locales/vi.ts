// All vi messages, nested by feature; one chunk per locale on the client.
import auth from './auth/vi.json';
import common from './common/vi.json';
import errors from './errors/vi.json';
import home from './home/vi.json';
import notify from './notify/vi.json';
import profile from './profile/vi.json';
import settings from './settings/vi.json';
import validation from './validation/vi.json';

export default { auth, common, errors, home, notify, profile, settings, validation };
