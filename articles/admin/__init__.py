"""The Django admin, one module per desk; each registers its own models.

- `desk`: dispatches (with their publication steps and preview), tags, sections, people,
  quotations;
- `imports`: the upload of dispatch files, and the import revisions;
- `review`: merging people (an action on the people list), merge records and review decisions;
- `forms`: the forms these use (registers nothing).
"""

from articles.admin import desk, imports, review

__all__ = ["desk", "imports", "review"]
