"""``registry/site.yaml``: who publishes the minutes, at what address and in what language."""

from __future__ import annotations

from pydantic import Field, field_validator

from vvgctl.models.common import Model

#: an RFC 4151 tagging entity: a domain name or e-mail address, a comma and a date
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
FEED_ID_PATTERN = (
    rf"^(?:[A-Za-z0-9._%+-]+@)?{_LABEL}(?:\.{_LABEL})*"
    r",[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"
)
BASE_URL_PATTERN = r"^https?://[^\s/?#]+(?:/[^\s?#]*)?$"


class SiteFile(Model):
    """The published site's settings (``vvgctl publish``); every field may be left out."""

    publisher: str | None = Field(
        None,
        min_length=2,
        title="Utgivare",
        description="Namnet som webbplatsen och nyhetsflödet bär, t.ex. 'Samrådsorganet'; "
        "utelämnat: det första organets namn i organs.yaml",
    )
    title: str | None = Field(
        None,
        min_length=2,
        title="Webbplatsens namn",
        description="Utelämnat: '<utgivare> – publicerade mötesanteckningar'",
    )
    base_url: str | None = Field(
        None,
        pattern=BASE_URL_PATTERN,
        title="Webbadress",
        description="Webbplatsens publika adress, t.ex. 'https://example.org/protokoll/', "
        "för nyhetsflödets och webbplatskartans länkar (vvgctl publish --base-url "
        "går före)",
    )
    language: str = Field(
        "sv",
        pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$",
        title="Språk",
        description="Sidornas och nyhetsflödets språk som språktagg, t.ex. 'sv'",
    )
    feed_id: str | None = Field(
        None,
        pattern=FEED_ID_PATTERN,
        title="Nyhetsflödets id",
        description="Början av nyhetsflödets id:n (tag:-URI, RFC 4151): en domän eller "
        "e-postadress som utgivaren har och ett datum, t.ex. 'example.org,2025'. "
        "Ändra den aldrig efter första publiceringen. Utelämnad: det första "
        "organets id och året för det tidigaste publicerade mötet (t.ex. "
        "'sro,2027'); webbadressen ingår aldrig, så id:na består när den läggs "
        "till eller byts",
    )

    @field_validator("base_url")
    @classmethod
    def _slash(cls, value: str | None) -> str | None:
        """The address as a folder: links are made by adding a path to it."""
        return value if value is None or value.endswith("/") else value + "/"
