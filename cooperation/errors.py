"""Domain errors raised by services. Views turn them into messages for the user."""


class DomainError(Exception):
    """A rule of the domain said no. `message` is translated and safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
