"""Test helpers for Word files: a comparison builder and a headless LibreOffice driver.

Not a pytest conftest (the name keeps it out of the shared one): test modules
import what they need from here.

LibreOffice is driven by a small StarBasic macro installed into a fresh user
profile made for the test session (``-env:UserInstallation``), so no UNO Python
bridge is needed: ``soffice --headless "macro:///Standard.Module1.Batch(…)"``
reads a manifest of jobs (``accept``/``reject``/``show`` + text export, or
``pdf``), opens each file hidden, runs ``.uno:AcceptAllTrackedChanges`` or
``.uno:RejectAllTrackedChanges`` and stores the result. Every call has a
timeout and kills the whole process group when it runs out.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from resdiff._model import (
    Block,
    ChangeOp,
    ClauseChange,
    Comparison,
    Document,
    EditOp,
    Lang,
    Role,
    Segment,
    Span,
    Symbol,
)

# -- building comparisons by hand -------------------------------------------------------


@dataclass
class Clause:
    """One clause of a hand-made comparison.

    *segs* is a list of ``("=" | "+" | "-", text)``; *old_at* fixes the old
    block index of a MOVE (other clauses take the free old indices in order).
    """

    op: ChangeOp
    segs: list[tuple[str, str]]
    role: Role = Role.PARAGRAPH
    label: str = ""
    old_at: int | None = None
    level: int = 0


_EDIT = {"=": EditOp.EQUAL, "+": EditOp.INSERT, "-": EditOp.DELETE}


def build(clauses: list[Clause], lang: Lang = Lang.EN, symbol: Symbol = Symbol.MOD) -> Comparison:
    """A Comparison whose documents are the clauses' old and new paragraphs joined by newlines."""
    n_old = sum(1 for c in clauses if c.op is not ChangeOp.ADD)
    taken = {c.old_at for c in clauses if c.op is ChangeOp.MOVE}
    free = iter(i for i in range(n_old) if i not in taken)
    old_index: list[int | None] = []
    for c in clauses:
        if c.op is ChangeOp.ADD:
            old_index.append(None)
        elif c.op is ChangeOp.MOVE:
            assert c.old_at is not None
            old_index.append(c.old_at)
        else:
            old_index.append(next(free))
    new_index: list[int | None] = []
    k = 0
    for c in clauses:
        if c.op is ChangeOp.SUP:
            new_index.append(None)
        else:
            new_index.append(k)
            k += 1

    def texts(side: str) -> list[str]:
        return ["".join(t for o, t in c.segs if o in ("=", side)) for c in clauses]

    old_texts, new_texts = texts("-"), texts("+")

    def document(order: list[tuple[int, int]], all_texts: list[str]) -> tuple[Document, list[int]]:
        # order: (doc index, clause index) pairs
        order = sorted(order)
        text = "\n".join(all_texts[ci] for _, ci in order)
        starts: dict[int, int] = {}
        blocks = []
        pos = 0
        for di, ci in order:
            t = all_texts[ci]
            c = clauses[ci]
            starts[ci] = pos
            body_start = pos + (len(c.label) + 1 if c.label and t.startswith(c.label) else 0)
            body = Span(min(body_start, pos + len(t)), pos + len(t))
            blocks.append(Block(f"b{di}", c.role, Span(pos, pos + len(t)), t, body, label=c.label, level=c.level))
            pos += len(t) + 1
        return Document(text, lang, tuple(blocks)), [starts.get(i, -1) for i in range(len(clauses))]

    old_doc, old_starts = document([(o, i) for i, o in enumerate(old_index) if o is not None], old_texts)
    new_doc, new_starts = document([(n, i) for i, n in enumerate(new_index) if n is not None], new_texts)
    changes = []
    for i, c in enumerate(clauses):
        segs = []
        po, pn = old_starts[i], new_starts[i]
        for o, t in c.segs:
            op = _EDIT[o]
            old_span = new_span = None
            if op is not EditOp.INSERT:
                old_span = Span(po, po + len(t))
                po += len(t)
            if op is not EditOp.DELETE:
                new_span = Span(pn, pn + len(t))
                pn += len(t)
            segs.append(Segment(op, t, old_span, new_span))
        changes.append(ClauseChange(c.op, old_index[i], new_index[i], tuple(segs)))
    return Comparison(old_doc, new_doc, tuple(changes), symbol)


# -- LibreOffice ------------------------------------------------------------------------

SOFFICE_TIMEOUT = 180  # seconds for one batch; a cold start here takes 2-5 s per batch

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Batch(manifest As String)
  Dim n As Integer, sLine As String, parts
  n = FreeFile
  Open manifest For Input As #n
  Do While Not EOF(n)
    Line Input #n, sLine
    If Len(sLine) &gt; 0 Then
      parts = Split(sLine, Chr(9))
      DoOne(parts(0), parts(1), parts(2))
    End If
  Loop
  Close #n
End Sub

Sub DoOne(sMode As String, sIn As String, sOut As String)
  On Error GoTo Failed
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  Dim doc As Object
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), "_blank", 0, args())
  Dim disp As Object
  disp = createUnoService("com.sun.star.frame.DispatchHelper")
  Dim noargs()
  If sMode = "accept" Then
    disp.executeDispatch(doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0, noargs())
  ElseIf sMode = "reject" Then
    disp.executeDispatch(doc.getCurrentController().getFrame(), ".uno:RejectAllTrackedChanges", "", 0, noargs())
  End If
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(1).Name = "FilterOptions"
  If sMode = "pdf" Then
    out(0).Value = "writer_pdf_Export"
    out(1).Value = ""
  ElseIf sMode = "docx" Then
    out(0).Value = "MS Word 2007 XML"
    out(1).Value = ""
  Else
    out(0).Value = "Text (encoded)"
    out(1).Value = "UTF8,LF,,,"
  End If
  doc.storeToURL(ConvertToURL(sOut), out())
  doc.close(True)
  Exit Sub
Failed:
  Dim e As Integer
  e = FreeFile
  Open sOut &amp; ".err" For Output As #e
  Print #e, "error " &amp; Err &amp; " at line " &amp; Erl &amp; ": " &amp; Error$
  Close #e
End Sub
</script:module>
"""


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run *cmd* in its own process group; kill the whole group if it overruns *timeout*."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


class LibreOffice:
    """A headless LibreOffice with its own throw-away profile and the batch macro installed."""

    def __init__(self, soffice: str, root: Path) -> None:
        self.soffice = soffice
        self.root = root
        self.profile = root / "profile"
        self._env = f"-env:UserInstallation={self.profile.as_uri()}"
        _run([soffice, self._env, "--headless", "--norestore", "--terminate_after_init"], 120)
        module = self.profile / "user" / "basic" / "Standard" / "Module1.xba"
        if not module.parent.is_dir():
            raise RuntimeError(f"LibreOffice did not create its profile under {self.profile}")
        module.write_text(_MACRO, encoding="utf-8")
        self._batch = 0

    def batch(self, jobs: list[tuple[str, Path, Path]]) -> None:
        """Run ``(mode, input, output)`` jobs in one LibreOffice start; raise on any failure."""
        self._batch += 1
        manifest = self.root / f"jobs{self._batch}.txt"
        manifest.write_text("".join(f"{m}\t{i}\t{o}\n" for m, i, o in jobs), encoding="utf-8")
        for _, _, out in jobs:
            out.unlink(missing_ok=True)
        result = _run(
            [self.soffice, self._env, "--headless", "--norestore", f'macro:///Standard.Module1.Batch("{manifest}")'],
            SOFFICE_TIMEOUT,
        )
        for mode, src, out in jobs:
            err = Path(f"{out}.err")
            if err.exists():
                raise AssertionError(f"LibreOffice {mode} of {src}: {err.read_text()}")
            if not out.exists():
                raise AssertionError(
                    f"LibreOffice wrote no {out} (exit {result.returncode}): {result.stderr.decode(errors='replace')}"
                )

    def text(self, mode: str, docx: Path) -> str:
        """The document's text after *mode* (``accept``, ``reject`` or ``show``), one paragraph a line."""
        out = docx.with_suffix(f".{mode}.txt")
        self.batch([(mode, docx, out)])
        return read_lo_text(out)


def read_lo_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> LibreOffice:
    """A LibreOffice for the session; skips without one, except in CI where it must be there."""
    soffice = find_soffice()
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is not installed (scripts/system-deps.sh installs libreoffice-writer-nogui)")
        pytest.skip("soffice is not installed")
    return LibreOffice(soffice, tmp_path_factory.mktemp("libreoffice"))


# -- hand-written Word files --------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def wxml(root: str, inner: str) -> str:
    """A WordprocessingML part: *root* element around *inner* markup (w: prefix bound)."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{W_NS}">{inner}</w:{root}>'


def make_docx(body: str, *, footnotes: str = "", numbering: str = "", styles: str = "", extra=None) -> bytes:
    """The bytes of a .docx whose body is *body* (markup inside ``w:body``); other parts optional.

    Written with zipfile from literal test markup only: the tests control every byte.
    """
    import io
    import zipfile

    parts = {
        "[Content_Types].xml": _CT,
        "_rels/.rels": _RELS,
        "word/document.xml": wxml("document", f"<w:body>{body}</w:body>"),
    }
    if footnotes:
        parts["word/footnotes.xml"] = wxml("footnotes", footnotes)
    if numbering:
        parts["word/numbering.xml"] = wxml("numbering", numbering)
    if styles:
        parts["word/styles.xml"] = wxml("styles", styles)
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph of plain-text runs (strings starting with "<" are taken as markup)."""
    inner = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def run(text: str, rpr: str = "", deleted: bool = False) -> str:
    from xml.sax.saxutils import escape

    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'


def ins(*inner: str, id: int = 1) -> str:
    body = "".join(i if i.startswith("<") else run(i) for i in inner)
    return f'<w:ins w:id="{id}" w:author="t" w:date="2024-05-01T00:00:00Z">{body}</w:ins>'


def dele(*inner: str, id: int = 2) -> str:
    body = "".join(i if i.startswith("<") else run(i, deleted=True) for i in inner)
    return f'<w:del w:id="{id}" w:author="t" w:date="2024-05-01T00:00:00Z">{body}</w:del>'


def strip_frame(text: str) -> list[str]:
    """Lines of a rendered proposal without the symbol/ID line and the Reasons placeholder the renderer adds."""
    lines = text.splitlines()
    if lines and lines[0].startswith(("MOD\t", "(MOD)\t", "ADD\t", "SUP\t", "NOC\t")):
        lines = lines[1:]
    if lines and lines[-1] in ("Reasons:\t", "理由：\t"):
        lines = lines[:-1]
    return lines


def lines_of(text: str) -> list[str]:
    """The non-blank lines of a source text: the paragraphs a parser makes blocks of."""
    return [line for line in text.splitlines() if line.strip()]
