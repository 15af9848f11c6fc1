"""The forms of the news plugin, one module per part."""
