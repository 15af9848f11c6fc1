"""The send page: text and recipients, a preview of who will get it (invalid numbers, opted-out
and repeated ones, parts and cost), then the confirmation that stores the batch and starts the
job. Nothing is stored before the confirmation, and every step keeps what was typed."""
import secrets

from flask import flash, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from core.db import db
from core.models import Organization
from core.permissions import permission_required
from core.rendering import redirect_to, render
from core.sms import bp
from core.sms.backends import max_parts
from core.sms.forms import SendForm
from core.sms.jobs import start_sending
from core.sms.length import GSM7_BASIC, GSM7_EXTENDED, LIMITS, measure
from core.sms.groups import member_counts
from core.sms.models import SmsGroup
from core.sms.picker import chosen_people, search_people
from core.sms.recipients import RecipientSpec
from core.sms.service import check, create_batch
from core.text import fa_number, to_ascii_digits

TEMPLATE = "sms/send.html"
SENT_TOKENS = "sms_sent_tokens"  # session: confirmation token → batch id, so a second click sends nothing


def _groups():
    """``[(group, members)]`` for the checkboxes of the form."""
    groups = db.session.scalars(select(SmsGroup).order_by(SmsGroup.name)).all()
    counts = member_counts([g.id for g in groups])
    return [(g, counts.get(g.id, 0)) for g in groups]


def _form(groups):
    organizations = [(row.id, row.name) for row in db.session.execute(
        select(Organization.id, Organization.name).order_by(Organization.name))]
    return SendForm(groups=[g for g, _count in groups], organizations=organizations)


def _spec(form):
    return RecipientSpec(group_ids=form.group_ids.data or [], directory=form.directory.data,
                         organization_type=form.organization_type.data or "",
                         organization_id=form.organization_id.data, position=form.position.data or "",
                         person_ids=form.person_ids.data or [], numbers=form.numbers.data or "")


def counter(text):
    """What the live counter (static/js/sms.js) reads: alphabets, limits and Persian templates;
    and the count of ``text`` for the page without JavaScript."""
    length = measure(text or "")
    return {
        "length": length,
        "max_parts": max_parts(),
        "attributes": {
            "data-gsm-basic": GSM7_BASIC,
            "data-gsm-extended": GSM7_EXTENDED,
            "data-limits": f"{LIMITS['gsm7'][0]} {LIMITS['gsm7'][1]} {LIMITS['ucs2'][0]} {LIMITS['ucs2'][1]}",
            "data-max-parts": max_parts(),
        },
    }


def _page(form, groups, *, preview=None, status=200, token=None):
    chosen = chosen_people(form.person_ids.data or [])
    results = search_people(form.person_query.data or "", exclude_ids=[p.id for p in chosen])
    block = "picker" if request.htmx and request.htmx.target == "picker" else "form"
    return render(TEMPLATE, block=block, status=status, form=form, groups=groups, chosen=chosen,
                  results=results, searched=bool((form.person_query.data or "").strip()), preview=preview,
                  counter=counter(form.text.data), token=token)


@bp.route("/send", methods=["GET", "POST"])
@permission_required("sms.send")
def send():
    groups = _groups()
    form = _form(groups)
    if request.method == "GET":
        wanted = {int(v) for v in map(to_ascii_digits, request.args.getlist("group")) if v.isdigit()}
        form.group_ids.data = [g.id for g, _count in groups if g.id in wanted]
        return _page(form, groups)
    action = request.form.get("action", "preview")
    if request.htmx and request.htmx.target == "picker":
        action = "search"
    if action in ("search", "edit"):
        return _page(form, groups)
    if not form.validate_on_submit():
        return _page(form, groups, status=422)
    spec = _spec(form)
    if spec.is_empty():
        form.form_errors.append(_("Choose who gets the message: a saved group, people of the directory or "
                                  "mobile numbers."))
        return _page(form, groups, status=422)
    checked = check(form.text.data, spec)
    if action == "confirm":
        sent = session.get(SENT_TOKENS, {})
        token = request.form.get("token", "")
        if token in sent:
            return redirect_to(url_for("sms.batch", batch_id=sent[token]))
        expected = to_ascii_digits(request.form.get("expected", ""))
        if checked.count and expected == str(checked.count):
            batch = create_batch(checked, user=current_user)
            session[SENT_TOKENS] = {**dict(list(sent.items())[-19:]), token: batch.id}
            start_sending(batch, current_user)
            flash(_("The message is being sent to %(count)s recipients.", count=fa_number(checked.count)), "success")
            return redirect_to(url_for("sms.batch", batch_id=batch.id))
        if checked.count:
            flash(_("The recipients changed since the preview (for example in the directory). Check them again, "
                    "then send."), "warning")
    status = 200 if checked.count else 422
    return _page(form, groups, preview=checked, status=status, token=secrets.token_urlsafe(16))
