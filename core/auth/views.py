from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from core.auth import bp
from core.auth.forms import ChangePasswordForm, LoginForm
from core.auth.passwords import hash_password, needs_rehash, verify_password
from core.auth.throttle import address_blocked, record_attempt
from core.db import db
from core.jalali import format_datetime
from core.models import User
from core.permissions import authenticated, public
from core.rendering import redirect_to, render_form


def _safe_next(target):
    """Only local paths, so the login page cannot send a user to another site."""
    if target and urlsplit(target).netloc == "" and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("pages.home")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        error = _authenticate(form)
        if error is None:
            return redirect_to(_safe_next(request.args.get("next")))
        form.form_errors.append(error)
    return render_form("auth/login.html", form)


def _authenticate(form):
    """Log the user in, or return the Persian reason why not (and record the failure)."""
    address = request.remote_addr or "-"
    username = form.username.data
    if address_blocked(address):
        return _("Too many failed logins from this address. Try again in a few minutes.")
    user = db.session.scalar(select(User).where(User.username == username))
    if user is not None and user.is_locked():
        db.session.commit()
        return _("This account is locked after repeated failed logins until %(time)s.",
                 time=format_datetime(user.locked_until))
    ok = user is not None and user.active and verify_password(user.password_hash, form.password.data)
    record_attempt(username, address, ok, user)
    if not ok:
        db.session.commit()
        if user is not None and user.is_locked():
            return _("This account is locked after repeated failed logins until %(time)s.",
                     time=format_datetime(user.locked_until))
        return _("The username or password is wrong.")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(form.password.data)
    user.locked_until = None
    db.session.commit()
    session.clear()
    login_user(user, remember=form.remember.data, duration=current_app.config["REMEMBER_COOKIE_DURATION"])
    return None


@bp.route("/logout", methods=["POST"])
@authenticated
def logout():
    logout_user()
    session.clear()
    flash(_("You have logged out."), "success")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/account/password", methods=["GET", "POST"])
@authenticated
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            current_user.password_hash = hash_password(form.new.data)
            current_user.must_change_password = False
            db.session.commit()
            flash(_("Your password was changed."), "success")
            return redirect_to(url_for("pages.home"))
    return render_form("auth/change_password.html", form)
