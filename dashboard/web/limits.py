"""The largest request body the server accepts: one figure, read by the app and by nginx.

Kept apart from :mod:`dashboard.web.errors` (which imports Dash, Flask and gunicorn) so that the
launcher (:mod:`dashboard.web.serve`) can render nginx's ``client_max_body_size`` from it without
loading the app: a body over this size is refused by nginx with its 413 page before gunicorn reads
it, and, where the app runs without nginx (``python app.py``, a second app host), by Flask.
"""

from __future__ import annotations

from typing import Final

#: Largest request body accepted, in bytes. The only request bodies are callbacks', and the
#: largest a real browser sends is the directory's (its grid's ``virtualRowData``, every row
#: shown, sent by the row count and the CSV export): 84 KB for the 43 interventions of
#: ``data/interventions.csv``, about 2 KB a row (issue 22: measured with Chromium on the real data
#: through the overview, area pages, gap review, scorecard and directory, in English and Welsh, the
#: CSV exports included); every other body is under 2.1 KB. 1 MiB is twelve times that (room for
#: about 500 interventions) and an eighth of the 8 MB it was, when eight 7.8 MB bodies took a
#: worker from 656 MB to 1.87 GB.
MAX_BODY_BYTES: Final = 1024 * 1024
