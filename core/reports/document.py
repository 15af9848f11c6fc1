"""The report as a document: sections of numbered items, the edits made to it before export, and
the record of those edits kept for a period's live report (its "adjustments").

A section is ``{"key", "title", "items"}``: ``key`` is the department id as text, or ``"other"``
for «سایر». An item is ``{"key", "module", "text", "generated", "details", "hidden", "manual"}``:
``generated`` is the wording the data gave (None for a manual item); ``text`` is what the report
says, the same unless someone edited it.
"""
import copy
import uuid
from dataclasses import dataclass, field

from core.jalali import Period

OTHER = "other"
MANUAL_PREFIX = "manual:"


class ItemNotFound(LookupError):
    pass


@dataclass
class Report:
    period: Period
    sections: list
    # Every section the report may have, in order, with its title (for manual items added to a
    # department that has no item yet).
    section_order: list = field(default_factory=list)
    section_titles: dict = field(default_factory=dict)

    def items(self):
        return [item for section in self.sections for item in section["items"]]

    def find(self, key):
        for section in self.sections:
            for index, item in enumerate(section["items"]):
                if item["key"] == key:
                    return section, index
        raise ItemNotFound(key)

    def numbered(self, with_hidden=False):
        """``[(section, [(number or None, item)])]``: items numbered from 1 in each section,
        hidden ones unnumbered (and left out, with the sections they empty, unless asked)."""
        result = []
        for section in self.sections:
            rows, number = [], 0
            for item in section["items"]:
                if item["hidden"]:
                    if with_hidden:
                        rows.append((None, item))
                    continue
                number += 1
                rows.append((number, item))
            if rows:
                result.append((section, rows))
        return result

    def snapshot(self):
        """The sections as plain data, for an edition."""
        return copy.deepcopy(self.sections)

    def section_choices(self):
        return [(key, self.section_titles[key]) for key in self.section_order]


def new_item(key, text, module=None, details=(), manual=False):
    return {"key": key, "module": module, "text": text, "generated": None if manual else text,
            "details": list(details), "hidden": False, "manual": manual}


def _section(report, key):
    for section in report.sections:
        if section["key"] == key:
            return section
    if key not in report.section_titles:
        key = OTHER
        for section in report.sections:
            if section["key"] == key:
                return section
    section = {"key": key, "title": report.section_titles.get(key, ""), "items": []}
    report.sections.append(section)
    rank = {k: i for i, k in enumerate(report.section_order)}
    report.sections.sort(key=lambda s: rank.get(s["key"], len(rank)))
    return section


# --- edits ------------------------------------------------------------------------------------

def set_hidden(report, key, hidden):
    section, index = report.find(key)
    section["items"][index]["hidden"] = hidden


def move(report, key, step):
    """Move an item one place up (step -1) or down (+1) within its section."""
    section, index = report.find(key)
    items, target = section["items"], index + step
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]


def set_text(report, key, text):
    section, index = report.find(key)
    section["items"][index]["text"] = text


def reset_text(report, key):
    section, index = report.find(key)
    item = section["items"][index]
    if item["generated"] is not None:
        item["text"] = item["generated"]


def add_manual(report, section_key, text):
    key = MANUAL_PREFIX + uuid.uuid4().hex[:12]
    _section(report, section_key)["items"].append(new_item(key, text, manual=True))
    return key


def remove_manual(report, key):
    section, index = report.find(key)
    if not section["items"][index]["manual"]:
        raise ItemNotFound(key)
    del section["items"][index]
    if not section["items"]:
        report.sections.remove(section)


# --- the adjustments of a live report ---------------------------------------------------------

def adjustments(report):
    """What the edits changed, in a form that survives later changes to the data: hidden keys,
    edited wording, the order of each section's keys and the manual items."""
    result = {"hidden": [], "texts": {}, "order": {}, "manual": []}
    for section in report.sections:
        result["order"][section["key"]] = [item["key"] for item in section["items"]]
        for item in section["items"]:
            if item["hidden"]:
                result["hidden"].append(item["key"])
            if item["manual"]:
                result["manual"].append({"key": item["key"], "section": section["key"], "text": item["text"]})
            elif item["text"] != item["generated"]:
                result["texts"][item["key"]] = item["text"]
    return result


def apply_adjustments(report, adjustments):
    """Replay saved edits on a freshly assembled report. Items the data no longer gives (a module
    turned off, nothing recorded) are gone, their edits kept for when they come back; new items
    follow the ones whose place was saved."""
    if not adjustments:
        return report
    hidden, texts = set(adjustments.get("hidden", ())), adjustments.get("texts", {})
    for item in report.items():
        item["hidden"] = item["key"] in hidden
        if item["key"] in texts:
            item["text"] = texts[item["key"]]
    for manual in adjustments.get("manual", ()):
        item = new_item(manual["key"], manual["text"], manual=True)
        item["hidden"] = manual["key"] in hidden
        _section(report, manual["section"])["items"].append(item)
    order = adjustments.get("order", {})
    for section in report.sections:
        rank = {key: i for i, key in enumerate(order.get(section["key"], ()))}
        section["items"].sort(key=lambda item: rank.get(item["key"], len(rank)))
    return report
