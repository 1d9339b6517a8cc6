"""Clean errors: every 4xx/5xx answer is one short sentence, and a failing callback changes nothing.

Never a stack trace, an exception's text or a file path in an answer; the details go to the
server log. :func:`configure_errors` sets the Flask error handlers; :func:`callback_error` is the
Dash app's ``on_error`` (``Dash(on_error=errors.callback_error)`` in ``app.create_app``): a
callback that raises is logged and answered as "no update", so the page stays as it was.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Final

from dash import Dash
from dash.exceptions import DependencyException, InvalidResourceError
from flask import Response, request
from gunicorn.http.errors import NoMoreData, ParseException
from werkzeug.exceptions import HTTPException

from dashboard.web.limits import MAX_BODY_BYTES

log = logging.getLogger(__name__)

#: Largest request body accepted; larger ones are answered 413 before they are read (one figure
#: for the app and nginx: :mod:`dashboard.web.limits`).
MAX_CONTENT_LENGTH: Final = MAX_BODY_BYTES

NOT_FOUND_TEXT: Final = "Not found. There is nothing at this address."
BAD_REQUEST_TEXT: Final = "Bad request."
ERROR_TEXT: Final = "Something went wrong on the server. Please try again, or reload the page."


def text_response(message: str, status: int) -> Response:
    """A plain-text answer of one line."""
    return Response(message + "\n", status=status, mimetype="text/plain")


def configure_errors(app: Dash) -> None:
    """Short answers for every HTTP error and every unexpected exception of ``app``'s server."""
    server = app.server
    server.config["PROPAGATE_EXCEPTIONS"] = False
    server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    server.config.setdefault("TRAP_HTTP_EXCEPTIONS", False)

    @server.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        code = error.code or 500
        if code == 404:
            return text_response(NOT_FOUND_TEXT, 404)
        if code >= 500:
            return text_response(ERROR_TEXT, code)
        # Only the standard reason phrase ("Method Not Allowed"), never the exception's detail.
        return text_response(f"{code} {reason(code)}.", code)

    @server.errorhandler(InvalidResourceError)
    @server.errorhandler(DependencyException)
    def missing_resource(_error: Exception) -> Response:
        # Dash's own answer lists the registered libraries and paths; this says "not found".
        return text_response(NOT_FOUND_TEXT, 404)

    @server.errorhandler(Exception)
    def unexpected_error(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return http_error(error)
        if is_bad_request(error):
            return bad_request(error)
        log.error("unhandled error on %s %s", request.method, request.path, exc_info=error)
        return text_response(ERROR_TEXT, 500)


#: What reading a malformed request body raises: gunicorn parses a chunked body (its sizes and
#: terminators) only while the app reads it, so a bad chunk size reaches the app as an exception.
BODY_READ_ERRORS: Final = (ParseException, NoMoreData)


def is_bad_request(error: BaseException) -> bool:
    """Whether ``error`` is the client's fault: a body that cannot be read or parsed (a broken
    chunked encoding; JSON nested too deeply for the parser, which raises RecursionError)."""
    return isinstance(error, (*BODY_READ_ERRORS, RecursionError))


def bad_request(error: BaseException) -> Response:
    """400 for a request the client got wrong: one line in the log, no traceback."""
    log.info("bad request on %s %s: %s", request.method, request.path, type(error).__name__)
    return text_response(BAD_REQUEST_TEXT, 400)


def callback_error(error: Exception) -> None:
    """Dash's ``on_error``: log a callback's exception; returning None makes Dash answer with
    "no update" for every output, instead of a 500."""
    log.error("callback failed on %s", _callback_output(), exc_info=error)


def reason(code: int) -> str:
    """The standard reason phrase of an HTTP status code."""
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


def _callback_output() -> str:
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    return output[:200] if isinstance(output, str) else "?"
