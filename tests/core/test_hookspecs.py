"""Meta-test (after Datasette): every hookspec is documented, tested and described in docs/plugins.md."""
import inspect
from pathlib import Path

import pytest

from core.plugins import hookspecs

ROOT = Path(__file__).resolve().parents[2]
HOOKS = sorted(
    name for name, value in vars(hookspecs).items()
    if inspect.isfunction(value) and hasattr(value, "ravabet_spec")
)


def test_hookspecs_are_found():
    assert "ravabet_nav_items" in HOOKS and len(HOOKS) >= 10


@pytest.mark.parametrize("name", HOOKS)
def test_hookspec_is_documented(name):
    function = getattr(hookspecs, name)
    doc = inspect.getdoc(function) or ""
    assert "Called" in doc, f"{name}: say when the hook is called"
    assert ":return:" in doc, f"{name}: document the return value"
    for parameter in inspect.signature(function).parameters:
        assert f":param {parameter}:" in doc, f"{name}: document the argument {parameter}"


@pytest.mark.parametrize("name", HOOKS)
def test_hookspec_has_a_test(name):
    this_file = Path(__file__).resolve()
    tests = [p for p in (ROOT / "tests").rglob("test_*.py") if p.resolve() != this_file]
    assert any(name in p.read_text(encoding="utf-8") for p in tests), f"no test mentions {name}"


@pytest.mark.parametrize("name", HOOKS)
def test_hookspec_is_in_the_plugin_guide(name):
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert f"`{name}" in guide, f"docs/plugins.md does not describe {name}"
