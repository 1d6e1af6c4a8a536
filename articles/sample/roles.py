"""The roles our sample content gives its people, marked for translation: the public pages show
a role in the interface's language when the catalogue has it (`translated_role`), and any other
role (from the wire) as written."""

from django.utils.translation import gettext_noop

SAMPLE_ROLES = (
    gettext_noop("capitaine du Racing Club de Vaudrenne"),
    gettext_noop("chef de file de l'opposition"),
    gettext_noop("directeur de la mission Hirondelle"),
    gettext_noop("directrice générale de Corvalis Industries"),
    gettext_noop("délégué de l'Union syndicale des métallurgistes"),
    gettext_noop("entraîneur du FC Sorvane"),
    gettext_noop("entraîneur du Racing Club de Vaudrenne"),
    gettext_noop("ministre de l'Environnement"),
    gettext_noop("ministre kestrienne des Affaires étrangères"),
    gettext_noop("ministre valmérien des Affaires étrangères"),
    gettext_noop("opposition leader"),
    gettext_noop("prime minister of Kestrie"),
    gettext_noop("président du jury de la Plume d'Ardoise"),
    gettext_noop("romancière"),
)
