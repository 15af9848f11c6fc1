"""The public RSS 2.0 and Atom feeds of a channel's published news, for the governorate's site
and the ministry: the latest items with a publication on the channel, newest first.

Built with ElementTree, which escapes every text and attribute. A feed answers 304 to a
conditional request when nothing it shows can have changed since If-Modified-Since."""
from datetime import UTC, datetime, time
from email.utils import format_datetime
from xml.etree import ElementTree

from flask import abort, current_app, request, url_for
from sqlalchemy import func, select
from werkzeug.http import is_resource_modified
from sqlalchemy.orm import selectinload

from core.db import db
from core.jalali import TIMEZONE
from core.permissions import public

from ..blueprint import bp
from ..models import Channel, NewsItem, Publication

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
ElementTree.register_namespace("atom", ATOM)
ElementTree.register_namespace("dc", DC)


def _feed_channel(channel_id):
    channel = db.session.get(Channel, channel_id)
    if channel is None or not channel.active or not channel.feed:
        abort(404)
    return channel


def _entries(channel):
    """(item, link) of the channel's latest published items, newest first (the trash is skipped)."""
    rows = db.session.execute(
        select(NewsItem, Publication.link)
        .join(Publication, Publication.item_id == NewsItem.id)
        .where(Publication.channel_id == channel.id, NewsItem.status == "published")
        .options(selectinload(NewsItem.topics), selectinload(NewsItem.author))
        .order_by(NewsItem.date.desc(), NewsItem.published_at.desc(), NewsItem.id.desc())
        .limit(FEED_SIZE)).all()
    return [(item, link or url_for("news.item", item_id=item.id, _external=True)) for item, link in rows]


def _last_change(channel):
    """When anything the feed shows last changed: the channel, its publications, or an item ever
    published on it (an item unpublished or moved to the trash leaves the feed, so it counts too)."""
    item_change = db.session.scalar(
        select(func.max(NewsItem.updated_at))
        .join(Publication, Publication.item_id == NewsItem.id)
        .where(Publication.channel_id == channel.id)
        .execution_options(include_deleted=True))
    publication_change = db.session.scalar(
        select(func.max(Publication.updated_at)).where(Publication.channel_id == channel.id))
    return max(change for change in (channel.updated_at, item_change, publication_change) if change)


def _published(item):
    """The item's publication time, or the start of its day in Tehran."""
    return item.published_at or datetime.combine(item.date, time(), tzinfo=TIMEZONE)


def _sub(parent, tag, text=None, **attributes):
    element = ElementTree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _rss(channel, entries, self_url, updated):
    rss = ElementTree.Element("rss", {"version": "2.0"})
    head = _sub(rss, "channel")
    _sub(head, "title", channel.name)
    _sub(head, "link", channel.url or url_for("news.index", channel=channel.id, _external=True))
    _sub(head, "description", current_app.config["ORGANIZATION_NAME"])
    _sub(head, "language", "fa")
    _sub(head, "lastBuildDate", format_datetime(updated.astimezone(UTC), usegmt=True))
    _sub(head, f"{{{ATOM}}}link", href=self_url, rel="self", type="application/rss+xml")
    for item, link in entries:
        entry = _sub(head, "item")
        _sub(entry, "title", item.title)
        _sub(entry, "link", link)
        _sub(entry, "guid", url_for("news.item", item_id=item.id, _external=True), isPermaLink="false")
        _sub(entry, "pubDate", format_datetime(_published(item).astimezone(TIMEZONE)))
        if item.lead:
            _sub(entry, "description", item.lead)
        for topic in item.topics:
            _sub(entry, "category", topic.name)
        if item.author:
            _sub(entry, f"{{{DC}}}creator", item.author.full_name)
    return rss


def _atom(channel, entries, self_url, updated):
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fa"})
    _sub(feed, f"{{{ATOM}}}id", self_url)
    _sub(feed, f"{{{ATOM}}}title", channel.name)
    _sub(feed, f"{{{ATOM}}}subtitle", current_app.config["ORGANIZATION_NAME"])
    _sub(feed, f"{{{ATOM}}}updated", updated.astimezone(TIMEZONE).isoformat(timespec="seconds"))
    _sub(feed, f"{{{ATOM}}}link", href=self_url, rel="self", type="application/atom+xml")
    if channel.url:
        _sub(feed, f"{{{ATOM}}}link", href=channel.url, rel="alternate")
    # Atom wants an author for every entry: the organization speaks for entries without one.
    _sub(_sub(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", current_app.config["ORGANIZATION_NAME"])
    for item, link in entries:
        entry = _sub(feed, f"{{{ATOM}}}entry")
        _sub(entry, f"{{{ATOM}}}id", url_for("news.item", item_id=item.id, _external=True))
        _sub(entry, f"{{{ATOM}}}title", item.title)
        _sub(entry, f"{{{ATOM}}}link", href=link, rel="alternate")
        published = _published(item).astimezone(TIMEZONE).isoformat(timespec="seconds")
        _sub(entry, f"{{{ATOM}}}published", published)
        _sub(entry, f"{{{ATOM}}}updated", item.updated_at.astimezone(TIMEZONE).isoformat(timespec="seconds"))
        if item.author:
            _sub(_sub(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", item.author.full_name)
        if item.lead:
            _sub(entry, f"{{{ATOM}}}summary", item.lead)
        for topic in item.topics:
            _sub(entry, f"{{{ATOM}}}category", term=topic.name)
    return feed


def _feed_response(channel_id, build, mimetype, endpoint):
    channel = _feed_channel(channel_id)
    updated = _last_change(channel)
    if is_resource_modified(request.environ, last_modified=updated):
        self_url = url_for(endpoint, channel_id=channel.id, _external=True)
        document = build(channel, _entries(channel), self_url, updated)
        response = current_app.response_class(
            ElementTree.tostring(document, encoding="utf-8", xml_declaration=True), mimetype=mimetype)
    else:
        response = current_app.response_class(status=304)
    response.last_modified = updated
    return response


@bp.route("/feeds/<int:channel_id>/rss.xml")
@public
def feed_rss(channel_id):
    return _feed_response(channel_id, _rss, "application/rss+xml", "news.feed_rss")


@bp.route("/feeds/<int:channel_id>/atom.xml")
@public
def feed_atom(channel_id):
    return _feed_response(channel_id, _atom, "application/atom+xml", "news.feed_atom")
