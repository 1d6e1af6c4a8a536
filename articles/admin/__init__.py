"""The Django admin, one module per desk; each registers its own models.

- `desk`: dispatches (with their publication steps and preview), tags, sections, people,
  quotations;
- `imports`: the upload of dispatch files, and the import revisions;
- `review`: merging people (an action on the people list), merge records and review decisions;
- `forms`: the forms these use (registers nothing).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin import desk, imports, review

# The site's own name, never "Django administration".
admin.site.site_header = _("Newsroom — editors' desk")
admin.site.site_title = _("Newsroom desk")
admin.site.index_title = _("Dispatches, people and quotations")
# The app list beside every page leaves the dispatch list too little width at 1,280 px; the
# breadcrumbs and the home page lead everywhere it did.
admin.site.enable_nav_sidebar = False

__all__ = ["desk", "imports", "review"]
