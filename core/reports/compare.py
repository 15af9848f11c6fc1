"""Comparing a saved edition with a fresh run of the same period: which items the data adds,
which it no longer gives, and which now read differently."""
from dataclasses import dataclass, field


@dataclass
class Comparison:
    added: list = field(default_factory=list)  # [(section title, fresh item)]
    removed: list = field(default_factory=list)  # [(section title, edition item)]
    changed: list = field(default_factory=list)  # [(section title, edition item, fresh item)]
    unchanged: int = 0
    manual: list = field(default_factory=list)  # [(section title, edition item)]: not from the data

    @property
    def differs(self):
        return bool(self.added or self.removed or self.changed)


def _by_key(report):
    return {item["key"]: (section["title"], item) for section in report.sections for item in section["items"]}


def compare(edition_report, fresh_report):
    """Items are matched by key; an item changed when the data's wording differs from the wording
    the data gave when the edition was saved (edits made by hand are not changes of the data)."""
    old, new = _by_key(edition_report), _by_key(fresh_report)
    result = Comparison()
    for key, (title, item) in old.items():
        if item["manual"]:
            result.manual.append((title, item))
        elif key not in new:
            result.removed.append((title, item))
        elif new[key][1]["generated"] != item["generated"]:
            result.changed.append((new[key][0], item, new[key][1]))
        else:
            result.unchanged += 1
    result.added = [(title, item) for key, (title, item) in new.items() if key not in old]
    return result
