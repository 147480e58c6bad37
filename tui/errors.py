"""Errors the faces report to the user as one line."""


class UserError(Exception):
    """A mistake in what the user asked: printed as one line, exit 2."""
