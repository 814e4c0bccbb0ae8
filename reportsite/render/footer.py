"""The 政府网站 footer's items (《政府网站发展指引》, 国办发〔2017〕47号), ready for the template.

Every value, link and label is made here, so templates/partials/footer.html only lays them out and a
site's own footer template gets the same items. An item the config leaves empty is not in the view,
so it is not shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from reportsite.config.model import SiteConfig

ICP_LINK = "https://beian.miit.gov.cn/"
POLICE_LINK = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={digits}"
POLICE_ICON = "img/gongan.svg"
_CONTACT_LINK = re.compile(r"(https?://|mailto:|tel:)", re.IGNORECASE)


@dataclass(frozen=True)
class FooterItem:
    """One labelled identity item; `href` makes its value a link, `icon` an asset shown before it."""

    label: str
    text: str
    href: str | None = None
    icon: str | None = None


@dataclass(frozen=True)
class Badge:
    src: str  # the asset's path in the site, from its root
    alt: str
    href: str | None


@dataclass(frozen=True)
class FooterView:
    badge: Badge | None
    items: tuple[FooterItem, ...]
    links: tuple[tuple[str, str], ...]  # (link text, href)


def footer_view(config: SiteConfig, assets: Mapping[str, str], root: str, page_url: str) -> FooterView:
    """The footer of the page at `page_url` (its full URL, which the 找错 link reports), whose links
    into the site start with `root`."""
    return FooterView(_badge(config, assets), _items(config, assets), tuple(_links(config, root, page_url)))


def _badge(config: SiteConfig, assets: Mapping[str, str]) -> Badge | None:
    """The alt text says where the badge leads, as it is the link's only content."""
    if "footer_badge" not in assets:
        return None
    href = config.footer.badge_link or None
    alt = "党政机关网站标识：核实本网站开办单位" if href else "党政机关网站标识"
    return Badge(assets["footer_badge"], alt, href)


def _items(config: SiteConfig, assets: Mapping[str, str]) -> tuple[FooterItem, ...]:
    footer = config.footer
    digits = "".join(re.findall(r"\d", footer.police))
    found = [
        FooterItem("主办单位", footer.sponsor),
        FooterItem("承办单位", footer.organizer),
        FooterItem("网站标识码", config.id_code),
        FooterItem("ICP备案", footer.icp, ICP_LINK),
        FooterItem("公安备案", footer.police, POLICE_LINK.format(digits=digits) if digits else None,
                   assets.get(POLICE_ICON)),
    ]
    if footer.contact and not _CONTACT_LINK.match(footer.contact):
        found.append(FooterItem("联系我们", footer.contact))
    return tuple(item for item in found if item.text)


def _links(config: SiteConfig, root: str, page_url: str) -> list[tuple[str, str]]:
    """网站地图, then 联系我们 when it is an address, and 我为政府网站找错, which needs the 网站标识码."""
    links = [("网站地图", root + "sitemap/index.html")]
    if _CONTACT_LINK.match(config.footer.contact):
        links.append(("联系我们", config.footer.contact))
    if config.id_code and config.footer.report_errors:
        address = config.footer.report_errors.replace("{id_code}", quote(config.id_code, safe=""))
        links.append(("我为政府网站找错", address.replace("{page_url}", quote(page_url, safe=""))))
    return links
