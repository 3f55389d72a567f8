// The supervision screens share their words with components/supervision (also used by the key-proposal page).
import '../../components/supervision/i18n.js';
