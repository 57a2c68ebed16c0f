"""Making a new office: folders, a commented `paayesh.toml` and the default templates.

It lives above both `config` (the settings) and `compose` (the templates it installs),
so that the settings never reach up into composing.
"""

from __future__ import annotations

from pathlib import Path

from paayesh_docs.compose.templates import install_templates
from paayesh_docs.config import CONFIG_NAME, default_config_text, load_settings


def init_office(home: Path) -> list[Path]:
    """Make an office at `home`: its folders, a commented paayesh.toml and the default
    templates. Returns what it made.

    Never overwrites: an existing paayesh.toml, folder or template is left as it is.
    """
    home.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    config = home / CONFIG_NAME
    if not config.exists():
        config.write_text(default_config_text(), encoding="utf-8")
        made.append(config)
    settings = load_settings(home)
    for name in ("inbox", "outbox", "registry", "templates"):
        folder = settings.folder(name)
        if not folder.exists():
            folder.mkdir(parents=True)
            made.append(folder)
    made.extend(install_templates(settings.templates))
    return made
