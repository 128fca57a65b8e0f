"""The review screenshots (``shot``) are artifacts, not checks: when Chromium cannot capture a
frame on a busy machine, ``shot`` tries again and then lets the test go on without one."""

import pytest
from playwright.sync_api import Error


class Page:
    """Just what ``shot`` uses of a Playwright page; the first ``failures`` captures fail."""

    def __init__(
        self, failures, message="Protocol error (Page.captureScreenshot): Unable to capture screenshot"
    ):
        self.failures, self.message, self.waited = failures, message, []

    def screenshot(self, path, full_page):
        if self.failures:
            self.failures -= 1
            raise Error(self.message)
        open(path, "wb").close()

    def wait_for_timeout(self, ms):
        self.waited.append(ms)


def test_a_capture_that_fails_once_is_taken_again(shot):
    page = Page(failures=1)
    path = shot(page, "retry")
    assert path is not None and path.exists() and page.waited == [500]


def test_a_capture_that_keeps_failing_is_left_out_with_a_warning(shot):
    page = Page(failures=5)
    with pytest.warns(UserWarning, match="no screenshot"):
        assert shot(page, "none") is None
    assert page.waited == [500, 1000, 1500]


def test_any_other_error_still_fails(shot):
    with pytest.raises(Error, match="Target closed"):
        shot(Page(failures=1, message="Target closed"), "closed")
