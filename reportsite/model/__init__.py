"""Stage 3: the site model built from the content stage's entries: reports, years, series, publishers,
as frozen data that the renderers read and never change.

May import reportsite.content, reportsite.config and reportsite.core.
"""

from reportsite.model.report import AnnualTables, Attachment, Metric, Report, ReportLink
from reportsite.model.site import Listing, Release, Site, Year, build_site

__all__ = ["AnnualTables", "Attachment", "Listing", "Metric", "Release", "Report", "ReportLink", "Site", "Year", "build_site"]
