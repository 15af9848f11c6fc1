"""The photo page's caption form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import Length

from core.forms.fields import PersianStringField
from core.text import to_fa_digits


class CaptionForm(FlaskForm):
    caption = PersianStringField(_l("Caption"), validators=[
        Length(max=500, message=_l("At most %(max)s characters.", max=to_fa_digits(500)))])
