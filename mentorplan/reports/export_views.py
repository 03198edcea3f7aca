"""The downloads of a cohort's dashboard: one table as CSV, or every table as a workbook.

Both stream: the CSV line by line as the rows are read, the workbook from a
temporary file on disk, so a large cohort costs disk, not memory. What the
files hold, and what they leave out, is decided in ``exports``.
"""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from .exports import TABLES, csv_lines, export_filename, workbook_write
from .permissions import get_cohort_for_reports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def cohort_export_csv(request, pk, table):
    cohort = get_cohort_for_reports(request.user, pk)
    if table not in TABLES:
        raise Http404("No such table.")
    # The zone and the moment are taken now: the rows are read after this view returns.
    tz, now = timezone.get_current_timezone(), timezone.now()
    response = StreamingHttpResponse(
        csv_lines(cohort, table, tz=tz, now=now), content_type="text/csv; charset=utf-8"
    )
    filename = export_filename(cohort, table, "csv", tz=tz, now=now)
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_GET
def cohort_export_xlsx(request, pk):
    cohort = get_cohort_for_reports(request.user, pk)
    tz, now = timezone.get_current_timezone(), timezone.now()
    # A workbook is a zip, written whole before its first byte can be sent: to a
    # file on disk, which FileResponse closes (and so deletes) once it is sent.
    file = tempfile.TemporaryFile()  # noqa: SIM115 (it outlives this view)
    workbook_write(file, cohort, tz=tz, now=now)
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=export_filename(cohort, "", "xlsx", tz=tz, now=now),
        content_type=XLSX,
    )
