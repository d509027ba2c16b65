"""The decisions and complaints fixtures, for tests of the deadlines the terms engine computes."""

from tests.approvals.conftest import decisions  # noqa: F401
from tests.complaints.conftest import complaint_in, file_complaint  # noqa: F401
