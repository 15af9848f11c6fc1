"""The person picker's search (core.forms.people): the chosen people and the matches of the typed
text, as the picker's "options" block, for htmx."""
from flask import request

from core.directory import bp
from core.forms.people import MATCH_LIMIT, describe_person, parse_ids, rows_by_id, search_people
from core.models import Person
from core.permissions import permission_required
from core.rendering import render_block
from core.text import clean_text


@bp.route("/people/pick")
@permission_required("directory.view")
def pick_people():
    # Parameter names start with "_": a WTForms field name never does, so they cannot clash.
    name = request.args.get("_field", "")
    multiple = request.args.get("_multiple") == "1"
    query = clean_text(request.args.get(f"{name}__q", "")) or ""
    chosen, _missing = rows_by_id(Person, parse_ids(request.args.getlist(name))[0], ())
    if not multiple:
        chosen = chosen[:1]
    matches, more = search_people(query, exclude=[person.id for person in chosen])
    return render_block("partials/people_picker.html", "options", name=name, multiple=multiple, chosen=chosen,
                        matches=matches, more=more, query=query, searched=bool(query),
                        describe=describe_person, match_limit=MATCH_LIMIT)
