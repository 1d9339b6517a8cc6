"""Every CSV the app writes, as bytes: header lines, then the table rounded as on screen, with
no cell a spreadsheet would run as a formula.

One function, :func:`csv_document`, builds the bytes of every download, whether it is asked for
by a button (``dcc.Download``) or at its stable URL (:mod:`dashboard.web.downloads`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

import pandas as pd

from dashboard.data.csv_safety import safe_cell
from dashboard.views import csv_headers

#: Decimals of the columns the screen shows rounded (a rate per 100,000 with one decimal, a
#: share as a whole percent, a rate per 1,000 with two). Other decimal columns holding only
#: whole numbers (a population, a rank) are written as whole numbers.
DECIMALS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "per_100k": 1,
        "quality_share": 2,
        "precarious_share": 2,
        "rate_per_1000": 2,
    }
)
#: What every header line begins with, so a reader can skip them (``pandas.read_csv(...,
#: comment="#")``) and a spreadsheet shows them above the table.
HEADER_MARK: Final = "# "


def as_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its numbers as the screen shows them and every text cell defused."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_float_dtype(values):
            if column in DECIMALS:
                shown[column] = values.round(DECIMALS[column])
            elif values.dropna().map(float.is_integer).all():
                shown[column] = values.astype("Int64")
        elif not pd.api.types.is_numeric_dtype(values):
            # Text (or mixed) columns: a cell such as =HYPERLINK(...) gets a leading quote.
            shown[column] = values.astype(object).map(safe_cell)
    return shown


def csv_document(
    frame: pd.DataFrame,
    header_lines: Sequence[str],
    *,
    lang: str = "en",
    element_labels: Mapping[str, str] | None = None,
) -> bytes:
    """The CSV file: each of ``header_lines`` as a ``# ...`` line, then the table's header row
    (in the page's language, :mod:`dashboard.views.csv_headers`) and rows (UTF-8, ``\\n`` line
    ends). Numbers are rounded by column identifier, before the columns are renamed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for line in header_lines:
        writer.writerow([HEADER_MARK + line])
    shown = csv_headers.csv_table(as_shown(frame), lang, element_labels)
    shown.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")
