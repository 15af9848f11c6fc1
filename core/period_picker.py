"""The Jalali period picker shared by the pages that show figures for a period (dashboard, reports).

A view reads the chosen period with ``PeriodPicker.from_args(request.args)`` and passes the picker
to its template, which includes ``partials/period_picker.html`` (a GET form: it works without
JavaScript; fields that do not apply to the chosen kind are hidden by CSS where supported)::

    picker = PeriodPicker.from_args(request.args)
    return render_template("x.html", picker=picker, period=picker.period)

    {% with picker=picker, action=url_for("x.index") %}{% include "partials/period_picker.html" %}{% endwith %}

Bad input falls back to the default period (year to date) with the Persian message in ``error``.
"""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from core.jalali import MONTH_NAMES, QUARTER_NAMES, JalaliDateError, Period, jalali_today, to_jalali_input
from core.text import to_fa_digits

KINDS = (
    ("ytd", _l("From the start of the year to today")),
    ("month", _l("A month")),
    ("quarter", _l("A quarter")),
    ("year", _l("A year")),
    ("first", _l("The first months of a year")),
    ("custom", _l("From a date to a date")),
)
ARG_NAMES = ("kind", "y", "m", "q", "n", "from", "to")


@dataclass
class PeriodPicker:
    period: Period
    error: str | None = None
    values: dict = field(default_factory=dict)  # the form's fields, Persian digits in the text ones

    # The choices of the form's select fields.
    kinds = KINDS
    months = [(str(number), name) for number, name in enumerate(MONTH_NAMES, start=1)]
    quarters = [(str(number), _l("Quarter %(name)s", name=name)) for number, name in enumerate(QUARTER_NAMES, start=1)]
    first_counts = [(str(n), to_fa_digits(n)) for n in range(1, 13)]

    @classmethod
    def from_args(cls, args, default=None):
        """The period from query arguments (see ``Period.from_args``); without them ``default``
        (year to date when None); wrong ones give year to date, the message in ``error`` and the
        form as the user filled it, to correct."""
        kind = (args.get("kind") or "").strip()
        if not kind:
            period = default or Period.year_to_date()
            return cls(period, None, _values_of(period))
        try:
            period = Period.from_args(args)
        except JalaliDateError as error:
            period = Period.year_to_date()
            typed = {name: args.get(name).strip() for name in ARG_NAMES if (args.get(name) or "").strip()}
            return cls(period, str(error), {**_values_of(period), **typed})
        return cls(period, None, _values_of(period))

    def args(self, **extra):
        """Query arguments for a link to the same period (plus ``extra``)."""
        return {**self.period.as_args(), **extra}


def _values_of(period):
    """Every field of the form filled from ``period``; the fields of the other kinds get today's
    year and month and the period's range, so switching the kind starts from something sensible."""
    today = jalali_today()
    values = {"kind": period.kind, "y": str(today.year), "m": str(today.month),
              "q": str((today.month + 2) // 3), "n": str(today.month),
              "from": to_jalali_input(period.start), "to": to_jalali_input(period.end)}
    values.update({name: value for name, value in period.as_args().items() if name not in ("from", "to")})
    values["y"] = to_fa_digits(values["y"])
    return values
