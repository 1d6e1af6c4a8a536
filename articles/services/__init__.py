"""Every write of the application: views, the admin, commands and tasks call these modules.

- `attribution`: the quote engine's suggestions stored, and quotations re-anchored when a body
  changes (`save_article`);
- `imports`: dispatches created or updated from the agency's files;
- `editorial`: the editors' desk (publish, schedule, embargo, correct, withdraw; tags);
- `review`: the review desk's decisions on quotations and people;
- `roles`: dated roles as plain data for attribution, offices resolved to their holders, roles
  read in dispatches kept as suggestions;
- `quotations`: occurrences of the same words grouped into one quotation, one decision for every
  repeat;
- `people`: a person's gender inferred from the text and first-name lists.

The names other code calls as ``services.<name>`` are re-exported here.
"""

from articles.services import attribution, editorial, imports, people, quotations, review, roles
from articles.services.attribution import (
    attribute_quotes,
    reanchor_quotes,
    registry_names,
    save_article,
    schedule_attribution,
)
from articles.services.imports import (
    IMPORT_BATCH_SIZE,
    IMPORT_STATUSES,
    ImportResult,
    dispatch_values,
    import_dispatch,
    import_dispatches,
)

__all__ = [
    "IMPORT_BATCH_SIZE",
    "IMPORT_STATUSES",
    "ImportResult",
    "attribute_quotes",
    "attribution",
    "dispatch_values",
    "editorial",
    "import_dispatch",
    "import_dispatches",
    "imports",
    "people",
    "quotations",
    "reanchor_quotes",
    "registry_names",
    "review",
    "roles",
    "save_article",
    "schedule_attribution",
]
