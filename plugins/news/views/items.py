"""News items (اخبار): the list with its filters and export, the item page with its workflow
(draft → review → published), its publications on channels and its files, and the item form."""
from dataclasses import dataclass
from typing import Any

from flask import abort, current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer, joinedload, selectinload

from core.attachments import DOCUMENTS, attachments_of, register_attachment_owner
from core.db import built_once, built_rows, db, get_or_404
from core.exporting import Column, export_list
from core.jalali import format_date
from core.listing import (BoundFilter, ListQuery, code_filter, date_range, distinct_values, grouped_rows, id_filter,
                          parse_id)
from core.models import Person
from core.permissions import permission_required, user_can
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.text import to_fa_digits
from core.urls import row_url

from ..access import may_publish
from ..blueprint import bp
from ..forms.items import ItemFilterForm, NewsItemForm, PublicationForm, PublishForm
from ..labels import ITEM_STATUS_LABELS, ITEM_TYPE_LABELS, item_status_badge, label, labels
from ..models import Channel, NewsItem, Publication, Topic
from ..models.items import ITEM_STATE_INDEX, item_officials

ENTITY = NewsItem.__tablename__


def _item_access(code):
    """May ``user`` see (or change) the files of an item? None when the item is gone (404)."""
    def check(user, item_id):
        item = db.session.get(NewsItem, item_id)
        if item is None or item.is_deleted:
            return None
        return user_can(user, code)
    return check


register_attachment_owner(
    ENTITY, can_view=_item_access("news.view"), can_edit=_item_access("news.edit"),
    describe=lambda item_id: (db.session.get(NewsItem, item_id).title, url_for("news.item", item_id=item_id)),
    kinds=DOCUMENTS)


def _published_on_counted(statement, channel_id):
    """The count's form of the channel filter: the items among the channel's publications (read
    from their (channel, item) index), each checked in the items' (id, deleted_at, status) index,
    where the page's EXISTS probes the publications of every item of the status (3,525
    publications of 14,800 published items). SQLite's planner reads each item's row by its id
    without the hint."""
    return (statement.where(NewsItem.id.in_(select(Publication.item_id).where(Publication.channel_id == channel_id)))
            .with_hint(NewsItem, f"INDEXED BY {ITEM_STATE_INDEX}", "sqlite"))


def _item_list(statement):
    """The news items' list reading ``statement`` (of the items or of their columns)."""
    return ListQuery(
        statement,
        search_column=NewsItem.search_text,
        filters={
            "type": code_filter(NewsItem.type, ITEM_TYPE_LABELS),
            "status": code_filter(NewsItem.status, ITEM_STATUS_LABELS),
            "channel": id_filter(lambda channel_id: NewsItem.publications.any(Publication.channel_id == channel_id)),
            "official": id_filter(lambda person_id: NewsItem.officials.any(Person.id == person_id)),
            "topic": id_filter(lambda topic_id: NewsItem.topics.any(Topic.id == topic_id)),
            **date_range(NewsItem.date),
        },
        count_filters={"channel": BoundFilter(parse_id, _published_on_counted)},
        sorts={"date": (NewsItem.date, NewsItem.id), "title": NewsItem.title},
        default_sort="-date",
    )


# The arguments are fixed: the other parts of the plugin (analysis, dashboard, archive) link here.
# The page shows a few columns, read as plain rows; the export the items with their relations.
ITEMS = _item_list(select(NewsItem.id, NewsItem.date, NewsItem.type, NewsItem.title, NewsItem.status))
EXPORTED_ITEMS = _item_list(select(NewsItem).options(
    defer(NewsItem.lead), defer(NewsItem.body), defer(NewsItem.search_text), selectinload(NewsItem.officials),
    selectinload(NewsItem.publications).joinedload(Publication.channel), selectinload(NewsItem.topics)))


@dataclass
class ItemRow:
    """An item of the list (a row of ITEMS) with the names of its officials and of its
    publications' channels."""

    item: Any
    officials: list
    channels: list


# In the order of the relationships NewsItem.officials and NewsItem.publications.
_OFFICIAL_NAMES = (select(item_officials.c.item_id, Person.full_name.label("name"))
                   .join(Person, Person.id == item_officials.c.person_id).order_by(Person.last_name))
_CHANNEL_NAMES = (select(Publication.item_id, Channel.name).join(Channel, Channel.id == Publication.channel_id)
                  .order_by(Publication.published_on))


def item_rows(items):
    ids = [item.id for item in items]
    officials = grouped_rows(db.session, _OFFICIAL_NAMES, ids)
    channels = grouped_rows(db.session, _CHANNEL_NAMES, ids)
    return [ItemRow(item, [row.name for row in officials[item.id]], [row.name for row in channels[item.id]])
            for item in items]


def item_table_body(rows, titles, type_labels) -> Markup:
    """The ``<tbody>`` of the list's table (the template global ``news_item_body``): in Python, not
    a loop of the template, as it writes six cells on each of its 25 rows. ``titles`` are the
    columns' labels, ``type_labels`` the types' (``labels("item_type")``)."""
    type_label, title_label, officials_label, channels_label, status_label = (
        escape(titles[key]) for key in ("type", "title", "officials", "channels", "status"))
    html = ["<tbody>\n"]
    for row in rows:
        item = row.item
        # An id and a Jalali date hold nothing to escape.
        channels = "".join(f'<span class="badge">{escape(name)}</span>' for name in row.channels) or "—"
        html.append(
            f'  <tr id="item-{item.id}">\n'
            f'    <td class="nowrap">{format_date(item.date)}</td>\n'
            f'    <td data-label="{type_label}">{escape(type_labels[item.type])}</td>\n'
            f'    <td data-label="{title_label}"><a href="{escape(row_url("news.item", item_id=item.id))}">'
            f'{escape(to_fa_digits(item.title))}</a></td>\n'
            f'    <td data-label="{officials_label}">{escape("، ".join(row.officials) or "—")}</td>\n'
            f'    <td data-label="{channels_label}">{channels}</td>\n'
            f'    <td data-label="{status_label}">{item_status_badge(item.status)}</td>\n'
            "  </tr>\n")
    html.append("  </tbody>")
    return Markup("".join(html))


def _names(rows):
    return "، ".join(str(row) for row in rows)


COLUMNS = [
    Column(_l("Date"), "date", kind="date", width=14),
    Column(_l("Type"), lambda item: label("item_type", item.type), width=14),
    Column(_l("Title"), "title", width=60),
    Column(_l("Officials"), lambda item: _names(person.full_name for person in item.officials), width=30),
    Column(_l("Topics"), lambda item: _names(item.topics), width=24),
    Column(_l("Channels"), lambda item: _names(p.channel for p in item.publications), width=36),
    Column(_l("Status"), lambda item: label("item_status", item.status), width=12),
    Column(_l("Publication time"), "published_at", kind="datetime", width=20),
]


@built_once
def _channel_choices():
    return select(Channel.id, Channel.name).order_by(Channel.position, Channel.id)


@built_once
def _topic_choices():
    return select(Topic.id, Topic.name).order_by(Topic.name)


@built_once
def _official_choices():
    """The people some item covers (their ids and names alone)."""
    return (select(Person.id, Person.full_name.label("full_name"))
            .where(Person.id.in_(distinct_values(item_officials.c.person_id)))
            .order_by(Person.last_name, Person.first_name))


def _filter_options():
    """The choices of the list's filters: every channel and topic, and the people some item covers."""
    return {"channels": built_rows(_channel_choices()).all(), "topics": built_rows(_topic_choices()).all(),
            "officials": built_rows(_official_choices()).all()}


@bp.route("/")
@permission_required("news.view")
def index():
    filters = ItemFilterForm(request.args)
    filters.validate()
    args = {name: value for name, value in request.args.items() if name not in filters.errors}
    export = export_list(EXPORTED_ITEMS, COLUMNS, title=_("The news items"), filename=_("news items"), args=args)
    if export is not None:
        return export
    page = ITEMS.page(db.session, args)
    page.items = item_rows(page.items)
    options = {} if request.htmx and not request.htmx.boosted else _filter_options()
    return render("news/items/list.html", block="results", page=page, filters=filters,
                  type_labels=labels("item_type"), status_labels=labels("item_status"), **options)


def _item_or_404(item_id):
    return get_or_404(NewsItem, item_id)


def _item_page(item, status=200, publish_form=None, publication_form=None, block=None):
    """The item page; a failed publish or publication form comes back in its own block (422)."""
    editable = user_can(current_user, "news.edit")
    publishable = editable and may_publish(current_user)
    if publish_form is None and publishable and item.status != "published":
        publish_form = PublishForm(formdata=None)
    if publication_form is None and editable and item.status == "published":
        publication_form = PublicationForm(formdata=None, data={"published_on": item.date})
    return render("news/items/item.html", block=block, status=status, item=item, may_edit=editable,
                  may_publish=publishable, publish_form=publish_form, publication_form=publication_form,
                  files=attachments_of(ENTITY, [item.id])[item.id])


@bp.route("/items/<int:item_id>")
@permission_required("news.view")
def item(item_id):
    return _item_page(_item_or_404(item_id))


@bp.route("/items/new", methods=["GET", "POST"])
@permission_required("news.edit")
def item_new():
    form = NewsItemForm()
    if form.validate_on_submit():
        news_item = NewsItem(status="draft", author=current_user)
        form.populate_obj(news_item)
        db.session.add(news_item)
        db.session.commit()
        flash(_("The news item was saved as a draft."), "success")
        return redirect_to(url_for("news.item", item_id=news_item.id))
    return render_form("news/items/form.html", form, item=None)


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@permission_required("news.edit")
def item_edit(item_id):
    news_item = _item_or_404(item_id)
    form = NewsItemForm(obj=news_item)
    if form.validate_on_submit():
        form.populate_obj(news_item)  # the status stays: a published item stays published
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for("news.item", item_id=news_item.id))
    return render_form("news/items/form.html", form, item=news_item)


@bp.route("/items/<int:item_id>/delete", methods=["POST"])
@permission_required("news.edit")
def item_delete(item_id):
    news_item = _item_or_404(item_id)
    news_item.soft_delete(current_user)
    db.session.commit()
    flash(_("The news item was moved to the trash."), "success")
    return redirect_to(url_for("news.index"))


# --- the workflow: draft → review → published ----------------------------------------------------

def _refuse(message):
    """A 403 that says why (the generic error page only says the page is forbidden)."""
    if request.htmx:
        return current_app.response_class(message, status=403, mimetype="text/plain")
    return render("errors/error.html", status=403, code=403, message=message)


def _publisher_item(item_id):
    """The item and None, or the item and the 403 answer for someone who may not publish."""
    news_item = _item_or_404(item_id)
    if not may_publish(current_user):
        return news_item, _refuse(_("Only the head of the department or a delegated editor may publish "
                                    "news or take it back."))
    return news_item, None


def _stay(news_item, message):
    """An illegal step: say why, change nothing, back to the item."""
    flash(message, "danger")
    return redirect_to(url_for("news.item", item_id=news_item.id))


@bp.route("/items/<int:item_id>/submit", methods=["POST"])
@permission_required("news.edit")
def item_submit(item_id):
    news_item = _item_or_404(item_id)
    if news_item.status != "draft":
        return _stay(news_item, _("Only a draft can be sent for review; this item is «%(status)s».",
                                  status=label("item_status", news_item.status)))
    news_item.status = "review"
    db.session.commit()
    flash(_("The news item was sent for review."), "success")
    return redirect_to(url_for("news.item", item_id=news_item.id))


@bp.route("/items/<int:item_id>/publish", methods=["POST"])
@permission_required("news.edit")
def item_publish(item_id):
    news_item, refused = _publisher_item(item_id)
    if refused is not None:
        return refused
    if news_item.status == "published":
        return _stay(news_item, _("This news item is already published."))
    form = PublishForm()
    if not form.validate_on_submit():
        return _item_page(news_item, status=422, publish_form=form, block="publish")
    news_item.status = "published"
    news_item.published_at = form.published_at
    news_item.date = form.publish_date.data
    news_item.published_by = current_user
    db.session.commit()
    flash(_("The news item was published. Record where it was published below."), "success")
    return redirect_to(url_for("news.item", item_id=news_item.id))


@bp.route("/items/<int:item_id>/unpublish", methods=["POST"])
@permission_required("news.edit")
def item_unpublish(item_id):
    news_item, refused = _publisher_item(item_id)
    if refused is not None:
        return refused
    if news_item.status == "draft":
        return _stay(news_item, _("This news item is already a draft."))
    # Its text, publications and last publication time are kept for when it is published again.
    news_item.status = "draft"
    db.session.commit()
    flash(_("The news item was returned to draft."), "success")
    return redirect_to(url_for("news.item", item_id=news_item.id))


# --- publications on channels -----------------------------------------------------------------------

def _save_publication(news_item, form, publication):
    """Fill and commit ``publication``; False (with the field's message) when the channel is taken."""
    taken = select(Publication.id).where(Publication.item_id == news_item.id,
                                         Publication.channel_id == form.channel.data)
    if publication.id is not None:
        taken = taken.where(Publication.id != publication.id)
    if db.session.scalar(taken) is None:
        publication.channel_id = form.channel.data
        publication.published_on = form.published_on.data
        publication.link = form.link.data or ""
        db.session.add(publication)
        try:
            db.session.commit()
            return True
        except IntegrityError:  # the same channel recorded a moment ago by someone else
            db.session.rollback()
    form.channel.errors.append(_("This item is already recorded on this channel; edit that publication instead."))
    return False


@bp.route("/items/<int:item_id>/publications", methods=["POST"])
@permission_required("news.edit")
def publication_new(item_id):
    news_item = _item_or_404(item_id)
    form = PublicationForm()
    if news_item.status != "published":
        return _stay(news_item, _("Publish the news item first; then record the channels it was published on."))
    if form.validate_on_submit():
        # By id, not through the relationship: a refused one must not join the item's list.
        publication = Publication(item_id=news_item.id)
        if _save_publication(news_item, form, publication):
            flash(_("The publication on %(channel)s was recorded.", channel=publication.channel.name), "success")
            # No "#publications": htmx would only scroll a page that has the same address.
            return redirect_to(url_for("news.item", item_id=news_item.id))
    return _item_page(news_item, status=422, publication_form=form, block="publication_form")


def _publication_or_404(item_id, publication_id):
    news_item = _item_or_404(item_id)
    publication = db.session.scalar(select(Publication).options(joinedload(Publication.channel)).where(
        Publication.id == publication_id, Publication.item_id == news_item.id))
    if publication is None:
        abort(404)
    return news_item, publication


@bp.route("/items/<int:item_id>/publications/<int:publication_id>/edit", methods=["GET", "POST"])
@permission_required("news.edit")
def publication_edit(item_id, publication_id):
    news_item, publication = _publication_or_404(item_id, publication_id)
    form = PublicationForm(current_channel_id=publication.channel_id,
                           data={"channel": publication.channel_id, "published_on": publication.published_on,
                                 "link": publication.link})
    if form.validate_on_submit() and _save_publication(news_item, form, publication):
        flash(_("The publication was updated."), "success")
        return redirect_to(url_for("news.item", item_id=news_item.id) + "#publications")
    return render_form("news/items/publication_form.html", form, item=news_item, publication=publication)


@bp.route("/items/<int:item_id>/publications/<int:publication_id>/delete", methods=["POST"])
@permission_required("news.edit")
def publication_delete(item_id, publication_id):
    news_item, publication = _publication_or_404(item_id, publication_id)
    db.session.delete(publication)
    db.session.commit()
    flash(_("The publication on %(channel)s was removed.", channel=publication.channel.name), "success")
    return redirect_to(url_for("news.item", item_id=news_item.id))


# --- search and calendar ------------------------------------------------------------------------------

def _items_searched(match):
    return select(NewsItem).where(match).order_by(NewsItem.date.desc(), NewsItem.id.desc())


def search_groups(query, user, limit):
    return [SearchGroup(
        "items", _("The news items"), (NewsItem.search_text,), _items_searched,
        hit=lambda news_item: {"title": news_item.title, "url": url_for("news.item", item_id=news_item.id),
                               "detail": news_item.lead or label("item_type", news_item.type),
                               "date": news_item.date},
        more_url=lambda: url_for("news.index", q=query.text), by_id=True, kept=True,
        reads=(NewsItem.id, NewsItem.title, NewsItem.lead, NewsItem.type, NewsItem.date))]

