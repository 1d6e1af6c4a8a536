"""The editors' desk pages outside the admin: the sourcing dashboard (`/desk/sources/`)."""
