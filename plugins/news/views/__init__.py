"""The pages of the news plugin, one module per part; importing them adds their routes to ``bp``."""
from . import (  # noqa: F401
    analysis,
    announcements,
    archive,
    bulletins,
    captions,
    feeds,
    imports,
    items,
    media,
    press,
    settings,
)
