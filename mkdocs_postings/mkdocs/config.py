"""The plugin's options (``plugins: - postings: ...`` in mkdocs.yml): the core's ``OPTIONS``
as an MkDocs config class.

MkDocs checks each value when it loads the config, with the core's own check, so a wrong
option is a config error that names it, worded as on Sphinx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_postings.options import OPTIONS, Option, OptionError

__all__ = ["PostingsConfig"]


class _Checked(c.BaseConfigOption[Any]):
    """One option of the core's schema; its value is the core's checked value."""

    def __init__(self, option: Option) -> None:
        super().__init__()
        self.option = option
        self.default = option.default

    def run_validation(self, value: object) -> Any:
        warnings: list[tuple[str, str]] = []
        try:
            checked = self.option.read(value, warnings)
        except OptionError as error:
            where = "" if error.field == self.option.name else f"{error.field}: "
            raise base.ValidationError(where + error.message) from None
        self.warnings.extend(f"{field}: {message}" for field, message in warnings)
        return checked  # MkDocs prints the warnings; --strict fails on them


if TYPE_CHECKING:

    class PostingsConfig(base.Config):
        """Options of the ``postings`` plugin, by name (``options.OPTIONS``)."""

        def __getattr__(self, name: str) -> Any: ...

else:
    PostingsConfig = type(
        "PostingsConfig",
        (base.Config,),
        {
            "__module__": __name__,
            "__doc__": "Options of the ``postings`` plugin, by name (``options.OPTIONS``).",
            **{option.name: _Checked(option) for option in OPTIONS},
        },
    )
