"""The URLs of a list's rows: ``url_for``'s lookups once per endpoint and request, not once per row."""
import re
from urllib.parse import quote

from flask import url_for
from flask.globals import _cv_request
from werkzeug.routing import BuildError

# Werkzeug's path converters (the default string one, int) quote a value so (BaseConverter.to_url).
_PATH_SAFE = "!$&'()*+,/:;=@"
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~!$&'()*+,/:;=@-]*")  # what quote(value, safe=_PATH_SAFE) leaves as it is
_MARKER = 7_301_946_285_000  # a number no real URL holds; each argument gets its own
_PATTERNS = "ravabet.row_urls"  # where a request keeps its patterns (request.environ)
_FIXED = "ravabet.fixed_urls"  # the app's cache of fixed_url (app.extensions)
_FIXED_HOST = "ravabet.fixed_url_host"  # the request's part of fixed_url's key (request.environ)
_FIXED_SIZE = 512


def row_url(endpoint, **values):
    """``url_for(endpoint, **values)`` for an endpoint whose arguments are ids or plain strings of
    its path: built once a request with markers in place of the values, then filled in for each
    row (6-8 µs → 1-2 µs; a page of 48 photos builds 144 URLs). Any other URL is url_for's."""
    context = _cv_request.get(None)  # not through the `request` proxy: a lookup less a URL
    if context is None:  # no request
        return url_for(endpoint, **values)
    patterns = context.request.environ.setdefault(_PATTERNS, {})
    key = (endpoint, *values)
    pattern = patterns.get(key, False)
    if pattern is False:
        pattern = patterns[key] = _pattern(endpoint, values)
    if pattern is None:
        return url_for(endpoint, **values)
    url, markers = pattern
    for name, marker in markers:
        value = values[name]
        if type(value) is not int:
            value = str(value)
            if not _UNQUOTED.fullmatch(value):  # quote's own test is slower (a photo's stem)
                value = quote(value, safe=_PATH_SAFE)
        url = url.replace(marker, str(value))
    return url


def _pattern(endpoint, values):
    """The URL with a marker for each value and the markers, or None for a URL url_for must build:
    a value outside the path (the query string and the anchor are quoted another way), a converter
    that takes no number."""
    if any(name.startswith("_") for name in values):
        return None
    markers = {name: _MARKER + index for index, name in enumerate(values)}
    try:
        url = url_for(endpoint, **markers)
    except (BuildError, ValueError):
        return None
    return None if "?" in url else (url, [(name, str(marker)) for name, marker in markers.items()])


def fixed_url(endpoint, **values):
    """``url_for`` for the templates: a link of no values (or a static file's name), the layout's
    dozen, built once per host and script root and kept with the app (10 µs → 1 µs each). The
    request context is read once from its context variable: each ``request`` or ``current_app``
    costs a proxy lookup, and a page asks for some thirty links."""
    context = _cv_request.get(None)
    if (context is None or endpoint.startswith(".")
            or (values and (len(values) > 1 or type(values.get("filename")) is not str))
            or context.app.url_default_functions):
        return url_for(endpoint, **values)
    environ = context.request.environ
    host = environ.get(_FIXED_HOST)
    if host is None:
        host = environ[_FIXED_HOST] = (environ.get("SCRIPT_NAME"), environ.get("HTTP_HOST"),
                                       environ.get("SERVER_NAME"), environ.get("wsgi.url_scheme"))
    key = (endpoint, values.get("filename"), host)
    urls = context.app.extensions.setdefault(_FIXED, {})
    url = urls.get(key)
    if url is None:
        if len(urls) >= _FIXED_SIZE:  # the Host header is the client's: keep the cache bounded
            urls.clear()
        url = urls[key] = url_for(endpoint, **values)
    return url
