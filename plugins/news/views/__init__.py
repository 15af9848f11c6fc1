"""The pages of the news plugin, one module per part; importing them adds their routes to ``bp``."""
from . import analysis, archive, bulletins, feeds, imports, items, media, press, settings  # noqa: F401
