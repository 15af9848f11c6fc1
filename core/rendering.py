"""One template per page: a full page for a normal request, one block of it for htmx; and the
small pieces of markup a list writes on every row, in Python rather than a macro per row."""
from flask import current_app, make_response, redirect, render_template, request
from markupsafe import Markup, escape

FLASHES_TEMPLATE = "partials/flashes.html"


def badge(text, classes="", title=None) -> Markup:
    """``<span class="badge …">text</span>``, as the templates write a status (classes and title
    escaped like the templates' ``{{ }}``)."""
    title = f' title="{escape(title)}"' if title else ""
    return Markup(f'<span class="badge {escape(classes)}"{title}>{escape(text)}</span>')


def render_block(template_name, block_name, **context):
    """Render a single block of a page template with the normal template context."""
    app = current_app
    app.update_template_context(context)
    template = app.jinja_env.get_or_select_template(template_name)
    block = template.blocks[block_name]
    return "".join(block(template.new_context(context)))


def render(template_name, block=None, status=200, **context):
    """Render the page, or only ``block`` when htmx asked for it (plus any flash messages,
    swapped out of band into the page's message area)."""
    if block and request.htmx and not request.htmx.boosted:
        html = render_block(template_name, block, **context)
        html += render_template(FLASHES_TEMPLATE, oob=True)
        return make_response(html, status)
    return make_response(render_template(template_name, **context), status)


def render_form(template_name, form, block="form", **context):
    """A form page: 422 with the form (or its block for htmx) when it has errors."""
    status = 422 if form.errors else 200
    return render(template_name, block=block, status=status, form=form, **context)


def redirect_to(url):
    """After a successful form post: a normal redirect, or ``HX-Redirect`` for htmx requests."""
    if request.htmx:
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, code=303)
