"""The import side of core.importing, checked for issue 4: a 10,000-row spreadsheet and a malformed one
get Persian messages and write nothing, and any module can offer an import (a plugin written here)."""
import io
import textwrap

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.exporting import Column, xlsx_bytes
from core.models import Organization, Person
from core.testing import persian_text

IMPORTY = textwrap.dedent('''
    from flask import Blueprint

    from core import importing
    from core.db import db
    from core.models import Organization
    from core.permissions import Permission, permission_required
    from core.plugins import hookimpl

    bp = Blueprint("importy", __name__)


    @bp.route("/")
    @permission_required("importy.view")
    def index():
        return "importy"


    def save(values):
        db.session.add(Organization(name=values["name"], type="ngo", city=values["city"] or ""))


    importer = importing.Importer(
        key="ngos", title="ورود سمن‌ها", template_name="الگوی سمن‌ها", list_endpoint="importy.index",
        columns=[importing.Column("نام سمن", "name", required=True, parse=importing.text(200), unique=True),
                 importing.Column("شهر", "city", parse=importing.text(100))],
        save_row=save)
    importing.add_import_routes(bp, importer, "importy.import")


    @hookimpl
    def ravabet_plugin_info():
        return {"key": "importy", "title": "سمن‌ها", "icon": "✿", "version": "1"}


    @hookimpl
    def ravabet_blueprints():
        return [bp]


    @hookimpl
    def ravabet_permissions():
        return [Permission("importy.view", "دیدن سمن‌ها", ("staff", "head")),
                Permission("importy.import", "ورود سمن‌ها", ("head",))]
''')


@pytest.fixture(scope="module")
def importy_app(app, make_app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("import_plugins")
    (folder / "importy").mkdir()
    (folder / "importy" / "__init__.py").write_text(IMPORTY, encoding="utf-8")
    return make_app(PLUGIN_PATHS=[str(folder)], PLUGINS_ONLY=["importy"])


def _upload(client, data, url, name="file.xlsx"):
    return client.post(url, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_10000_row_spreadsheet_gets_a_persian_message_and_writes_nothing(app, make_user, login):
    client = login(make_user("head"))
    columns = [Column("نام", "first"), Column("نام خانوادگی", "last"), Column("کد ملی", "code")]
    rows = [{"first": "نفر", "last": f"شماره {n}", "code": None} for n in range(10_000)]
    data = xlsx_bytes(rows, [Column(c.title, (lambda key: lambda row: row[key])(c.value)) for c in columns],
                      title="افراد")
    response = _upload(client, data, "/directory/import/people")
    text = persian_text(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "بیش از ۵٬۰۰۰ ردیف" in text and "کوچک‌تر" in text
    assert _count(Person) == 0


@pytest.mark.parametrize("data", [b"PK\x03\x04" + b"\x00" * 64, b"not, a; spreadsheet\x00\x01\x02"])
def test_a_malformed_spreadsheet_gets_a_persian_message(app, make_user, login, data):
    response = _upload(login(make_user("head")), data, "/directory/import/organizations")
    text = persian_text(response.get_data(as_text=True))
    assert response.status_code == 422 and "فایل" in text and "XLSX" in text
    assert _count(Organization) == 0


def test_any_module_offers_an_import(importy_app, make_user, make_department, login, enable_module):
    department = make_department()
    enable_module("importy", department)
    client = importy_app.test_client()
    login(make_user("head", departments=[department]), test_client=client)
    template = load_workbook(io.BytesIO(client.get("/importy/import/ngos/template.xlsx").data)).active
    assert template.sheet_view.rightToLeft and [c.value for c in template[1]] == ["نام سمن", "شهر"]
    data = "\ufeffنام سمن,شهر\r\nانجمن خبرنگاران جوان,یزد\r\nانجمن خبرنگاران جوان,میبد\r\n".encode()
    response = _upload(client, data, "/importy/import/ngos", name="ngos.csv")
    assert response.status_code == 303
    preview = client.get(response.headers["Location"])
    assert "تکرار ردیف ۲" in persian_text(preview.get_data(as_text=True))
    assert _count(Organization) == 0  # nothing written before the confirmation
    confirmed = client.post(response.headers["Location"], data={"mode": "valid"})
    assert confirmed.status_code == 303 and confirmed.headers["Location"].endswith("/importy/")
    assert db.session.scalars(select(Organization.city)).all() == ["یزد"]


def test_a_disabled_module_offers_no_import(importy_app, make_user, make_department, login, enable_module):
    department = make_department()
    enable_module("importy", department, enabled=False)
    client = importy_app.test_client()
    login(make_user("head", departments=[department]), test_client=client)
    assert client.get("/importy/import/ngos").status_code == 404
