"""The news settings (تنظیمات خبر), for the department head: the publication channels in their
order, the topics news are filed under and the delegated editors (دبیران خبر) who may publish."""
from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.db import db, get_or_404
from core.models import User, department_members
from core.permissions import module_department, permission_required
from core.rendering import redirect_to, render

from ..blueprint import bp
from ..forms.settings import ChannelForm, EditorForm, TopicForm
from ..models import Channel, Editor, Publication, Topic

PAGE = "news/settings/index.html"
SETTINGS = "news.settings"


def _channels():
    return db.session.scalars(select(Channel).order_by(Channel.position, Channel.id)).all()


def _publication_counts():
    return dict(db.session.execute(
        select(Publication.channel_id, func.count()).group_by(Publication.channel_id)).all())


def _editor_candidates():
    """Active staff of the module's department who are not editors yet."""
    department_id = module_department("news")
    if department_id is None:
        return []
    members = select(department_members.c.user_id).where(department_members.c.department_id == department_id)
    return db.session.scalars(
        select(User).where(User.id.in_(members), User.role == "staff", User.active.is_(True),
                           User.id.not_in(select(Editor.user_id)))
        .order_by(User.full_name)).all()


def _editor_form(formdata=None):
    form = EditorForm(formdata=formdata)
    form.user_id.choices = [(user.id, user.full_name) for user in _editor_candidates()]
    return form


def _page(status=200, block=None, **forms):
    editors = db.session.scalars(
        select(Editor).join(Editor.user).options(selectinload(Editor.user)).order_by(User.full_name)).all()
    return render(
        PAGE, block=block, status=status,
        channels=_channels(), publication_counts=_publication_counts(),
        topics=db.session.scalars(select(Topic).order_by(Topic.active.desc(), Topic.name)).all(),
        editors=editors,
        channel_form=forms.get("channel_form") or ChannelForm(formdata=None),
        topic_form=forms.get("topic_form") or TopicForm(formdata=None),
        editor_form=forms.get("editor_form") or _editor_form(),
        moved=forms.get("moved"))


def _settings_url(anchor):
    return url_for(SETTINGS) + f"#{anchor}"


@bp.route("/settings/")
@permission_required("news.settings")
def settings():
    return _page()


# --- channels --------------------------------------------------------------------------------

@bp.route("/settings/channels/", methods=["POST"])
@permission_required("news.settings")
def channel_create():
    form = ChannelForm()
    if not form.validate_on_submit():
        return _page(status=422, block="channel_form", channel_form=form)
    last = db.session.scalar(select(func.max(Channel.position))) or 0
    channel = Channel(position=last + 1)
    form.populate_obj(channel)
    db.session.add(channel)
    db.session.commit()
    flash(_("The channel %(name)s was added.", name=channel.name), "success")
    return redirect_to(_settings_url(f"channel-{channel.id}"))


@bp.route("/settings/channels/<int:channel_id>/", methods=["GET", "POST"])
@permission_required("news.settings")
def channel_edit(channel_id):
    channel = get_or_404(Channel, channel_id)
    form = ChannelForm(obj=channel, record_id=channel.id)
    if form.validate_on_submit():
        form.populate_obj(channel)
        db.session.commit()
        flash(_("The channel %(name)s was saved.", name=channel.name), "success")
        return redirect_to(_settings_url(f"channel-{channel.id}"))
    return render("news/settings/channel.html", block="form", status=422 if form.errors else 200,
                  form=form, channel=channel, publications=_publication_counts().get(channel.id, 0))


@bp.route("/settings/channels/<int:channel_id>/move", methods=["POST"])
@permission_required("news.settings")
def channel_move(channel_id):
    channel = get_or_404(Channel, channel_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    channels = _channels()
    index = channels.index(channel)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(channels):
        channels[index], channels[target] = channels[target], channels[index]
    # Every channel gets its own place, so equal positions from older data cannot tie.
    for position, row in enumerate(channels, start=1):
        row.position = position
    db.session.commit()
    if request.htmx:
        return _page(block="channels", moved=channel.id)
    return redirect_to(_settings_url(f"channel-{channel.id}"))


@bp.route("/settings/channels/<int:channel_id>/activate", methods=["POST"], defaults={"active": True})
@bp.route("/settings/channels/<int:channel_id>/deactivate", methods=["POST"], defaults={"active": False})
@permission_required("news.settings")
def channel_active(channel_id, active):
    """A channel is never deleted: a deactivated one stays on the items published on it and is
    no longer offered for new ones (nor as a feed)."""
    channel = get_or_404(Channel, channel_id)
    channel.active = active
    db.session.commit()
    if active:
        flash(_("The channel %(name)s is active again.", name=channel.name), "success")
    else:
        flash(_("The channel %(name)s was deactivated; the news already published on it keep it.",
                name=channel.name), "success")
    return redirect_to(_settings_url(f"channel-{channel.id}"))


# --- topics ----------------------------------------------------------------------------------

@bp.route("/settings/topics/", methods=["POST"])
@permission_required("news.settings")
def topic_create():
    form = TopicForm()
    if not form.validate_on_submit():
        return _page(status=422, block="topic_form", topic_form=form)
    topic = Topic(name=form.name.data, active=True)
    db.session.add(topic)
    db.session.commit()
    flash(_("The topic %(name)s was added.", name=topic.name), "success")
    return redirect_to(_settings_url("topics"))


@bp.route("/settings/topics/<int:topic_id>/", methods=["GET", "POST"])
@permission_required("news.settings")
def topic_edit(topic_id):
    topic = get_or_404(Topic, topic_id)
    form = TopicForm(obj=topic, record_id=topic.id)
    if form.validate_on_submit():
        topic.name = form.name.data
        db.session.commit()
        flash(_("The topic %(name)s was saved.", name=topic.name), "success")
        return redirect_to(_settings_url("topics"))
    return render("news/settings/topic.html", block="form", status=422 if form.errors else 200,
                  form=form, topic=topic)


@bp.route("/settings/topics/<int:topic_id>/activate", methods=["POST"], defaults={"active": True})
@bp.route("/settings/topics/<int:topic_id>/deactivate", methods=["POST"], defaults={"active": False})
@permission_required("news.settings")
def topic_active(topic_id, active):
    topic = get_or_404(Topic, topic_id)
    topic.active = active
    db.session.commit()
    if active:
        flash(_("The topic %(name)s is active again.", name=topic.name), "success")
    else:
        flash(_("The topic %(name)s was deactivated; the news filed under it keep it.", name=topic.name),
              "success")
    return redirect_to(_settings_url("topics"))


# --- delegated editors -----------------------------------------------------------------------

@bp.route("/settings/editors/", methods=["POST"])
@permission_required("news.settings")
def editor_add():
    form = _editor_form(request.form)
    if not form.validate_on_submit():
        return _page(status=422, block="editor_form", editor_form=form)
    editor = Editor(user_id=form.user_id.data, granted_by_id=current_user.id)
    db.session.add(editor)
    db.session.commit()
    flash(_("%(name)s may now publish news.", name=editor.user.full_name), "success")
    return redirect_to(_settings_url("editors"))


@bp.route("/settings/editors/<int:editor_id>/remove", methods=["POST"])
@permission_required("news.settings")
def editor_remove(editor_id):
    editor = get_or_404(Editor, editor_id)
    name = editor.user.full_name
    db.session.delete(editor)
    db.session.commit()
    flash(_("%(name)s may no longer publish news.", name=name), "success")
    return redirect_to(_settings_url("editors"))
