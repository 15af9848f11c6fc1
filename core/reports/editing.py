"""Editing a report before export, the same way for a period's live report (its edits are kept as
a draft) and for a saved edition (its snapshot is changed): hide or show, move, reword, restore
the generated wording, add and remove manual highlight items.

Each view answers a plain form post with a redirect back to the item, and an htmx request with
the page's ``report`` block swapped in place.
"""
import re
from dataclasses import dataclass, field
from typing import Callable

from flask import abort, redirect, request

from core.db import db
from core.reports import document
from core.reports.forms import ItemActionForm, ItemTextForm, ManualItemForm
from core.rendering import render, render_form


@dataclass
class Workspace:
    """A report being edited: the page showing it, where to go back, and how to keep the edits."""

    report: document.Report
    template: str  # the page, with a ``report`` block and a ``manual_form`` block
    back_url: str
    save: Callable[[], None]
    target: object  # builds the editing URLs (DraftTarget or EditionTarget)
    context: dict = field(default_factory=dict)

    def page(self, block=None, status=200, **extra):
        context = {"report": self.report, "target": self.target, "editable": True,
                   "manual_form": self.manual_form(), **self.context, **extra}
        return render(self.template, block=block, status=status, **context)

    def manual_form(self, form=None):
        form = form or ManualItemForm(formdata=None)
        form.section.choices = self.report.section_choices()
        return form


def anchor(key):
    """The HTML id of an item's row."""
    return "item-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def _updated(workspace, key=None):
    workspace.save()
    db.session.commit()
    if request.htmx:
        response = workspace.page(block="report")
        response.headers["HX-Retarget"] = "#report"
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    return redirect(workspace.back_url + (f"#{anchor(key)}" if key else ""), code=303)


def item_action(workspace):
    form = ItemActionForm()
    if not form.validate_on_submit():
        abort(400)
    report, key, action = workspace.report, form.key.data, form.action.data
    try:
        if action in ("hide", "show"):
            document.set_hidden(report, key, action == "hide")
        elif action in ("up", "down"):
            document.move(report, key, -1 if action == "up" else 1)
        elif action == "reset":
            document.reset_text(report, key)
        else:
            document.remove_manual(report, key)
            key = None
    except document.ItemNotFound:
        abort(404)
    return _updated(workspace, key)


def item_text(workspace):
    key = request.args.get("key", "")
    try:
        section, index = workspace.report.find(key)
    except document.ItemNotFound:
        abort(404)
    item = section["items"][index]
    form = ItemTextForm(data={"text": item["text"]})
    if form.validate_on_submit():
        document.set_text(workspace.report, key, form.text.data)
        return _updated(workspace, key)
    return render_form("reports/item_text.html", form, item=item, section=section, anchor=anchor(key),
                       target=workspace.target, back_url=workspace.back_url, report=workspace.report)


def add_manual(workspace):
    form = workspace.manual_form(ManualItemForm())
    if form.validate_on_submit():
        key = document.add_manual(workspace.report, form.section.data, form.text.data)
        return _updated(workspace, key)
    return workspace.page(block="manual_form", status=422, manual_form=form)
