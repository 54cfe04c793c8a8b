// All vi messages, nested by feature; one chunk per locale on the client.
import auth from './auth/vi.json';
import badges from './badges/vi.json';
import claim from './claim/vi.json';
import common from './common/vi.json';
import consent from './consent/vi.json';
import credentials from './credentials/vi.json';
import data from './data/vi.json';
import errors from './errors/vi.json';
import groups from './groups/vi.json';
import home from './home/vi.json';
import lessons from './lessons/vi.json';
import map from './map/vi.json';
import matching from './matching/vi.json';
import notifications from './notifications/vi.json';
import notify from './notify/vi.json';
import profile from './profile/vi.json';
import push from './push/vi.json';
import requests from './requests/vi.json';
import ripple from './ripple/vi.json';
import safety from './safety/vi.json';
import settings from './settings/vi.json';
import validation from './validation/vi.json';
import ward from './ward/vi.json';
import wardops from './wardops/vi.json';
import office from './office/vi.json';

export default {
	auth,
	badges,
	claim,
	common,
	consent,
	credentials,
	data,
	errors,
	groups,
	home,
	lessons,
	map,
	matching,
	notifications,
	notify,
	profile,
	push,
	requests,
	ripple,
	safety,
	settings,
	validation,
	ward,
	wardops,
	office
};
