"""Static assets copied with content-hash names, so hosts can cache them forever."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image

from reportsite.core.files import tree_entries
from reportsite.render.ports import StagedFolder


def hashed_name(relpath: str, data: bytes) -> str:
    """`css/site.css` → `css/site.1a2b3c4d.css`: the name changes exactly when the bytes do."""
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, suffix = relpath.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{relpath}.{digest}"


PREVIEW_ONLY = ("js/preview.js",)


def copy_assets(assets_dir: Path, writer: StagedFolder, preview: bool = False,
                favicon: Path | None = None, badge: Path | None = None) -> dict[str, str]:
    """Copy every asset under `assets/` and map its plain path to the output path.

    The live-preview script is published only in preview builds. `favicon` names the icon every
    page declares: the site's own (site.favicon), else the theme's favicon.svg, so that no page
    request ends in a 404 for /favicon.ico. The same icon is also written as `favicon.ico` at the
    site's root (see root_icon). `badge` is the site's 党政机关网站标识 (footer.badge), published as
    `footer_badge` under a hashed name like every asset.
    """
    mapping: dict[str, str] = {}
    for path in (p for p in tree_entries(assets_dir) if p.is_file()):
        relpath = path.relative_to(assets_dir).as_posix()
        if relpath in PREVIEW_ONLY and not preview:
            continue
        data = path.read_bytes()
        mapping[relpath] = "assets/" + hashed_name(relpath, data)
        writer.write_bytes(mapping[relpath], data)
    if favicon is not None:
        data = favicon.read_bytes()
        mapping["favicon"] = "assets/" + hashed_name("favicon" + favicon.suffix.lower(), data)
        writer.write_bytes(mapping["favicon"], data)
    elif "favicon.svg" in mapping:
        mapping["favicon"] = mapping["favicon.svg"]
    if badge is not None:
        data = badge.read_bytes()
        mapping["footer_badge"] = "assets/" + hashed_name("badge" + badge.suffix.lower(), data)
        writer.write_bytes(mapping["footer_badge"], data)
    if (icon := root_icon(favicon, assets_dir)) is not None:
        writer.write_bytes("favicon.ico", icon)
    return mapping


def root_icon(favicon: Path | None, assets_dir: Path) -> bytes | None:
    """The bytes of `/favicon.ico`, which browsers fetch for what declares no icon (a PDF, the feed).

    An .ico is published as it is and a .png is converted (Pillow, which WeasyPrint needs anyway);
    an .svg cannot be, so a site whose own icon is an SVG gets none rather than the theme's. Without
    site.favicon the theme's favicon.ico, drawn like its favicon.svg, is used.
    """
    source = favicon if favicon is not None else assets_dir / "favicon.ico"
    if source.suffix.lower() == ".ico":
        return source.read_bytes() if source.is_file() else None
    if source.suffix.lower() != ".png":
        return None
    with Image.open(source) as image:
        out = io.BytesIO()
        image.save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()
