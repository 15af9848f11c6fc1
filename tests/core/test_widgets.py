"""core.forms.widgets write exactly what WTForms' own widgets write."""
import pytest
from markupsafe import Markup
from wtforms import Form, SelectField, SelectMultipleField, StringField, widgets
from wtforms.validators import DataRequired, Length

from core.forms import widgets as quick
from core.forms.fields import ClockField, JalaliDateField, PersianIntegerField, PersianStringField, PersianTextAreaField


class SampleForm(Form):
    date = JalaliDateField("تاریخ", validators=[DataRequired()])
    time = ClockField("ساعت")
    count = PersianIntegerField("تعداد")
    name = PersianStringField("نام", validators=[Length(min=2, max=20)], render_kw={"class_": "wide"})
    note = PersianTextAreaField("یادداشت", validators=[DataRequired(), Length(max=200)])
    plain = StringField("ساده")


KWARGS = [
    {},
    {"type": "search"},
    {"aria_invalid": "true", "aria_describedby": "x-errors"},
    {"class_": "a b", "data_hx_get": "/x?a=1&b=2", "autofocus": True, "disabled": False},
    {"placeholder": 'say "hi" <b>', "title": Markup('a "quoted" <i>title</i>'), "rows": 5},
    {"value": "۱۴۰۳/۰۸/۲۵", "required": False, "size": 4},
]


@pytest.mark.parametrize("kwargs", KWARGS)
@pytest.mark.parametrize("data", [{}, {"date": "1403/08/25", "time": "9:30", "count": "۱۲", "name": 'O"Brien <x>',
                                       "note": 'one\n<two> & "three"', "plain": "p"}, {"date": "۱۴۰۳/۱۳/۰۱"}])
def test_same_markup_as_wtforms(kwargs, data):
    from werkzeug.datastructures import MultiDict

    form = SampleForm(MultiDict(data))
    form.validate()
    for field in form:
        wtforms_widget = widgets.TextArea() if isinstance(field.widget, widgets.TextArea) else widgets.TextInput()
        quick_widget = quick.TextArea() if isinstance(field.widget, widgets.TextArea) else quick.TextInput()
        render_kw = {**(field.render_kw or {}), **kwargs}
        assert quick_widget(field, **render_kw) == wtforms_widget(field, **render_kw), field.name


def test_fields_use_the_quick_widgets():
    form = SampleForm()
    assert isinstance(form.date.widget, quick.TextInput)
    assert isinstance(form.count.widget, quick.TextInput)
    assert isinstance(form.name.widget, quick.TextInput)
    assert isinstance(form.note.widget, quick.TextArea)
    assert 'required' in form.date() and 'maxlength="20"' in form.name()


@pytest.mark.parametrize("kwargs", KWARGS)
def test_html_params_same_as_wtforms(kwargs):
    assert quick.html_params(name="n", **kwargs) == widgets.html_params(name="n", **kwargs)


class ChoicesForm(Form):
    kind = SelectField("نوع", choices=[("", "—"), ("a", 'الف "ب"'), ("b<", "<b>"), (True, "بله")],
                       validators=[DataRequired()])
    grouped = SelectField("گروه", choices={"یک": [("1", "۱"), ("2", "۲")], "دو": [("3", "۳")]})
    extra = SelectField("با ویژگی", choices=[("x", "x", {"data_a": "1", "disabled": True}), ("y", "y")])
    many = SelectMultipleField("چند", choices=[("1", "۱"), ("2", "۲"), ("3", "۳")])
    empty = SelectField("خالی", choices=[], validate_choice=False)


@pytest.mark.parametrize("kwargs", KWARGS)
@pytest.mark.parametrize("data", [{}, {"kind": "a", "grouped": "3", "extra": "x", "many": ["1", "3"]},
                                  {"kind": "zz", "many": ["9"]}, {"kind": "True"}])
def test_select_same_markup_as_wtforms(kwargs, data):
    from werkzeug.datastructures import MultiDict

    form = ChoicesForm(MultiDict(data))
    form.validate()
    for field in form:
        multiple = field.type == "SelectMultipleField"
        assert (quick.Select(multiple=multiple)(field, **kwargs)
                == widgets.Select(multiple=multiple)(field, **kwargs)), field.name
