"""The one error of speech synthesis."""


class TtsError(Exception):
    """Text could not be spoken: a bad request (empty or over-long text, unknown language or voice) or a
    failing engine. The message says which, in words an operator can act on."""
