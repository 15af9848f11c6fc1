"""Turning modules on and off and assigning them to departments (used by pages and the CLI)."""
from flask import current_app
from sqlalchemy import select

from core.db import db
from core.models import ModuleState


class UnknownModule(LookupError):
    pass


def _state(key):
    if key not in current_app.extensions["ravabet_plugins"].records:
        raise UnknownModule(key)
    state = db.session.get(ModuleState, key)
    if state is None:
        state = ModuleState(key=key, enabled=False)
        db.session.add(state)
    return state


def set_enabled(key, enabled):
    """Turn a module on or off. Its data is never touched."""
    state = _state(key)
    state.enabled = bool(enabled)
    return state


def assign(key, department_id):
    state = _state(key)
    state.department_id = department_id
    return state


def module_rows():
    """Every known plugin with its state: (record, ModuleState or None), failed ones included."""
    registry = current_app.extensions["ravabet_plugins"]
    states = {s.key: s for s in db.session.scalars(select(ModuleState))}
    return [(record, states.get(key)) for key, record in sorted(registry.records.items())]
