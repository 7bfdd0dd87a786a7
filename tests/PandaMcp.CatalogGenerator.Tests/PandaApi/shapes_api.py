'''Odd but valid shapes the reader must take in its stride.'''
import functools
from typing import Any, Dict, List, Optional

from pandaserver.api.v1 import common
from pandaserver.api.v1.common import request_validation

_logger = PandaLogger().getLogger("api_shapes")
DEFAULT_LIMIT = 100


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


@request_validation
def bare(req, name: str = "x"):
    """A bare decorator: every flag at the server's default."""


@request_validation()
def empty_call(req):
    'Empty parentheses and a single-quoted docstring.'


@request_validation(_logger, False, True, "POST")
def positional_flags(req):
    """Flags given by position."""


@timed
@common.request_validation(
    _logger,
    secure=True,  # comment with a ) and a " in it
    request_method="GET",
)
@functools.lru_cache(maxsize=None)
def stacked(req, pattern: str = "a#b)c", other: str = 'it\'s', path: str = r"C:\temp") -> Dict[str, Any]:
    r"""
    Stacked decorators, a qualified one among them.

    API details:
        HTTP Method: GET

    Args:
        pattern: a pattern with a # and a ) in its default
        other: an escaped quote
        path: a raw string
    """


@request_validation(_logger, request_method="POST")
def defaults(
    req,
    none=None,
    yes: bool = True,
    count: int = -3,
    ratio: float = 2.5,
    big: int = 1_000,
    mask: int = 0x1F,
    text: str = "two " "parts",
    escaped: str = "tab\there\nline \u00e9",
    pair: List[str] = ("a", "b"),
    single: List[str] = ("only",),
    empty: List[int] = [],
    mapping: Dict = {"a": 1, "b": [True, None], 3: "three"},
    limit: int = DEFAULT_LIMIT,
    computed: int = 60 * 60,
    *,
    keyword_only: str = "k",
    **extra,
):
    """Defaults of every literal kind, and two that are not literals."""


@request_validation(_logger, secure=True, request_method="POST")
def wrapped_annotation(
    req,
    values: Dict[
        str, List[int]
    ] = None,
    maybe: Optional[int] = None,
    continued: int \
        = 5,
):
    """
    An annotation over several lines, one the gateway does not know, and a backslash continuation.
    """


@request_validation(_logger, secure=True)
def no_method(req, value: int):
    """Neither the decorator nor the docstring names a method."""


@request_validation(_logger, request_method="GET")
def redefined(req):
    """First definition, replaced below."""


@request_validation(_logger, request_method="POST")
def redefined(req, value: int): """Second definition: this one counts."""


class Helper:
    @request_validation(_logger, request_method="GET")
    def method(self, req):
        """Inside a class: not a module function."""


def outer():
    @request_validation(_logger, request_method="GET")
    def inner(req):
        """Nested: not a module function."""

    return inner
