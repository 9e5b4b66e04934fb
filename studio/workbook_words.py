"""Why a file is not an Excel workbook, in the reader's language.

openpyxl hands on zipfile's words. An .xlsx that is no zip archive at all (a CSV or a text file
given the suffix) is the case a user meets, so its words are translated; any other failure keeps
the library's words.
"""
from __future__ import annotations

import zipfile

from studio.i18n import N_, _

NOT_A_ZIP = N_("File is not a zip file")


def not_a_workbook(error: BaseException) -> str:
    """The sentence for a file that openpyxl could not open as a workbook."""
    return _("not an Excel workbook (.xlsx): {reason}").format(reason=workbook_problem(error))


def workbook_problem(error: BaseException) -> str:
    if isinstance(error, zipfile.BadZipFile) and str(error) == NOT_A_ZIP:
        return _(NOT_A_ZIP)
    return str(error)
