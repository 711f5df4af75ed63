"""The error of an unusable setting, in a module of its own: the command line must be able to catch it while
``ktxh.settings`` itself fails to import."""


class ConfigurationError(Exception):
    """A setting that cannot be used; the message says which and why."""
