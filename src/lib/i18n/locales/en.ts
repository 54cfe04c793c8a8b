// All en messages, nested by feature; one chunk per locale on the client.
import auth from './auth/en.json';
import badges from './badges/en.json';
import claim from './claim/en.json';
import common from './common/en.json';
import consent from './consent/en.json';
import credentials from './credentials/en.json';
import data from './data/en.json';
import errors from './errors/en.json';
import groups from './groups/en.json';
import home from './home/en.json';
import lessons from './lessons/en.json';
import map from './map/en.json';
import matching from './matching/en.json';
import notifications from './notifications/en.json';
import notify from './notify/en.json';
import profile from './profile/en.json';
import push from './push/en.json';
import requests from './requests/en.json';
import ripple from './ripple/en.json';
import safety from './safety/en.json';
import settings from './settings/en.json';
import validation from './validation/en.json';
import ward from './ward/en.json';
import wardops from './wardops/en.json';
import office from './office/en.json';

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
