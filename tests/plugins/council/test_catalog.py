"""The plugin's Persian catalog holds every message its code and templates use, and no other."""
from pathlib import Path

import plugins.council
from core.testing import catalog_problems


def test_the_catalog_is_complete_and_holds_no_unused_messages():
    missing, unused = catalog_problems(Path(plugins.council.__file__).parent)
    assert not missing, f"add these to translations/fa/LC_MESSAGES/messages.po: {missing}"
    assert not unused, f"remove from the catalog: {unused}"
