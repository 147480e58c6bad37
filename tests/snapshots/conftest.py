from tests.tui.conftest import app, isolated, store  # noqa: F401 - the same real app and store
