"""The request fixtures (offices, staff, submit) are shared with the request tests."""

from tests.requests.conftest import (  # noqa: F401 - fixtures
    _media_root,
    desk,
    liaison,
    office,
    ppid_officer,
    requester_user,
    staff,
    submit,
)
