"""Who gets a message: mobile numbers normalized in every common form, invalid ones reported with a
reason, repeated ones sent once, opted-out ones skipped; people from the directory's filters,
picked people and saved groups (trashed people and groups left out)."""
import pytest

from core.db import db
from core.models import Organization, Person
from core.sms.models import SmsGroup, SmsGroupMember, SmsOptOut
from core.sms.recipients import RecipientSpec, resolve, split_numbers


@pytest.mark.parametrize("typed", [
    "09121234567", "9121234567", "+989121234567", "989121234567", "00989121234567",
    "۰۹۱۲۱۲۳۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "0912 123 4567", "+98 (912) 123-4567",
])
def test_every_common_form_of_a_mobile_number_is_normalized(typed):
    assert split_numbers(typed) == (["09121234567"], [])


def test_numbers_split_on_lines_commas_and_spaces_and_bad_ones_are_kept_as_typed():
    valid, invalid = split_numbers("09121234567, ۰۹۱۳۱۲۳۴۵۶۷\n09351112233 09361112233;0912\n02135551234،abc")
    assert valid == ["09121234567", "09131234567", "09351112233", "09361112233"]
    assert invalid == ["0912", "02135551234", "abc"]


def test_repeated_numbers_are_sent_once_and_counted(app):
    result = resolve(RecipientSpec(numbers="09121234567\n+989121234567\n۰۹۱۲۱۲۳۴۵۶۷\n09131234567"))
    assert [r.mobile for r in result.recipients] == ["09121234567", "09131234567"]
    assert result.duplicates == 2


def test_invalid_numbers_are_reported_not_dropped(app):
    db.session.add(Person(first_name="بی", last_name="شماره"))
    db.session.add(Person(first_name="شماره", last_name="خراب", mobile="021555"))
    db.session.commit()
    result = resolve(RecipientSpec(directory=True, numbers="12345\n09121234567"))
    assert [r.mobile for r in result.recipients] == ["09121234567"]
    reasons = {(i.text, i.name): i.reason for i in result.invalid}
    assert reasons[("", "بی شماره")] == "در فهرست اشخاص شمارهٔ همراهی ندارد."
    assert reasons[("021555", "شماره خراب")] == "شمارهٔ همراه ایرانی نیست."
    assert reasons[("12345", "")] == "شمارهٔ همراه ایرانی نیست."


def test_opted_out_numbers_are_skipped_and_listed(app):
    db.session.add(SmsOptOut(mobile="09131234567", reason="درخواست تلفنی"))
    db.session.commit()
    result = resolve(RecipientSpec(numbers="09121234567\n+989131234567"))
    assert [r.mobile for r in result.recipients] == ["09121234567"]
    assert [r.mobile for r in result.skipped] == ["09131234567"]


def test_typed_numbers_of_people_in_the_directory_get_their_names(app):
    person = Person(first_name="علی", last_name="رضایی", mobile="09121234567")
    db.session.add(person)
    db.session.commit()
    recipient = resolve(RecipientSpec(numbers="+98 912 123 4567")).recipients[0]
    assert (recipient.name, recipient.person_id) == ("علی رضایی", person.id)


@pytest.fixture
def directory(app):
    press = Organization(name="خبرگزاری ایرنا یزد", type="press")
    agency = Organization(name="اداره کل ورزش", type="agency")
    people = {
        "reporter": Person(first_name="مریم", last_name="احمدی", mobile="09121111111", organization=press,
                           position="خبرنگار"),
        "photographer": Person(first_name="رضا", last_name="زارع", mobile="09122222222", organization=press,
                               position="عکاس خبری"),
        "manager": Person(first_name="حسن", last_name="فلاح", mobile="09123333333", organization=agency,
                          position="مدیر روابط عمومی"),
    }
    db.session.add_all([press, agency, *people.values()])
    db.session.commit()
    return press, agency, people


def test_directory_filters_by_organization_type_organization_and_position(directory):
    press, agency, people = directory
    mobiles = lambda spec: {r.mobile for r in resolve(spec).recipients}  # noqa: E731
    assert mobiles(RecipientSpec(directory=True, organization_type="press")) == {"09121111111", "09122222222"}
    assert mobiles(RecipientSpec(directory=True, organization_id=agency.id)) == {"09123333333"}
    assert mobiles(RecipientSpec(directory=True, position="خبرنگار")) == {"09121111111"}
    assert len(mobiles(RecipientSpec(directory=True))) == 3
    assert mobiles(RecipientSpec(directory=False, organization_type="press")) == set()


def test_trashed_people_are_left_out(directory):
    _press, _agency, people = directory
    people["reporter"].soft_delete()
    db.session.commit()
    result = resolve(RecipientSpec(directory=True, person_ids=[people["reporter"].id]))
    assert "09121111111" not in {r.mobile for r in result.recipients}


def test_groups_bring_their_people_and_extra_numbers_once(directory):
    _press, _agency, people = directory
    reporters = SmsGroup(name="خبرنگاران")
    managers = SmsGroup(name="مدیران روابط عمومی")
    reporters.members = [SmsGroupMember(person_id=people["reporter"].id),
                         SmsGroupMember(person_id=people["photographer"].id),
                         SmsGroupMember(mobile="09351234567", name="دبیر سرویس")]
    managers.members = [SmsGroupMember(person_id=people["manager"].id),
                        SmsGroupMember(person_id=people["reporter"].id)]
    db.session.add_all([reporters, managers])
    db.session.commit()
    result = resolve(RecipientSpec(group_ids=[reporters.id, managers.id], person_ids=[people["manager"].id]))
    assert sorted(r.mobile for r in result.recipients) == [
        "09121111111", "09122222222", "09123333333", "09351234567"]
    assert result.duplicates == 2
    assert {r.mobile: r.name for r in result.recipients}["09351234567"] == "دبیر سرویس"
    managers.soft_delete()
    people["photographer"].soft_delete()
    db.session.commit()
    result = resolve(RecipientSpec(group_ids=[reporters.id, managers.id]))
    assert sorted(r.mobile for r in result.recipients) == ["09121111111", "09351234567"]
