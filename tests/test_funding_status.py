"""The status of a funding call is derived from its dates and the build date."""

from __future__ import annotations

from datetime import date

import pytest

from macros.data.catalog import build_date
from macros.data.models import FundingCall
from macros.data.problems import DataError

BASE = dict(id="t", title="T", funder="Land", level="land", summary="S",
            url="https://www.land.nrw/", reviewed="2026-01-01")


@pytest.mark.parametrize("opens, deadline, today, expected", [
    ("2026-12-01", "2027-03-01", "2026-11-25", "angekuendigt"),
    (None, "2027-03-01", "2026-11-25", "offen"),
    (None, "2026-12-25", "2026-11-25", "endet-bald"),   # exactly 30 days left
    (None, "2026-12-26", "2026-11-25", "offen"),        # 31 days left
    (None, "2026-11-25", "2026-11-25", "endet-bald"),   # last day
    (None, "2026-11-24", "2026-11-25", "abgelaufen"),
    (None, None, "2026-11-25", "laufend"),
    ("2026-01-01", None, "2026-11-25", "laufend"),
])
def test_status(opens, deadline, today, expected):
    call = FundingCall.model_validate({**BASE, "opens": opens, "deadline": deadline})
    assert call.status(date.fromisoformat(today)) == expected


def test_build_date_comes_from_hub_today(monkeypatch):
    monkeypatch.setenv("HUB_TODAY", "2030-02-03")
    assert build_date() == date(2030, 2, 3)
    monkeypatch.setenv("HUB_TODAY", "2030-02-30")
    with pytest.raises(DataError, match="HUB_TODAY"):
        build_date()
    monkeypatch.delenv("HUB_TODAY")
    assert build_date() == date.today()
