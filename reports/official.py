"""An official document (``workflows.documents.OfficialDocument``) laid out as Chinese official
documents are (GB/T 9704-2012, 党政机关公文格式), printed to PDF by the same Chromium and Noto
CJK pipeline as the cooperation report (``reports.render_pdf``).

The layout, on A4 with the standard's margins (top 37 mm, bottom 35 mm, left 28 mm, right
26 mm) and its 22 lines of 28 characters in 三号 (16 pt) text:
- 版头: the issuing authority's mark in red, large and centred; the document number (发文字号)
  centred under it; a red separator line;
- 主体: the title in 二号 (22 pt) bold, centred; the recipient (主送机关) flush left ending in a
  colon; the body, each paragraph indented two characters; attachments; the issuer's
  signature and the date (成文日期) right-aligned, over the seal area (印章, a placeholder:
  no electronic seal is applied);
- 版记: copies (抄送) and the issuing office and date (印发机关和印发日期) between lines;
- page numbers in the form "— 1 —" at the foot of each page.

The standard's fonts (方正小标宋, 仿宋_GB2312) are not free; Noto Serif CJK SC stands for both,
and Noto Sans CJK SC for the headings the standard sets in 黑体.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from reports.render_pdf import html_to_pdf
from workflows.documents import OfficialDocument

CSS = """
@page {
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-center {
    content: "— " counter(page) " —";
    font-family: "Noto Serif CJK SC", serif;
    font-size: 14pt;
  }
}
html { font-family: "Noto Serif CJK SC", "Noto Serif CJK", serif; color: #000; }
body { margin: 0; font-size: 16pt; line-height: 28.9pt; }
.mark {
  color: #d40000; text-align: center; font-weight: 900;
  line-height: 1.2; letter-spacing: 0.04em; margin-top: 10mm; white-space: nowrap;
}
.number { text-align: center; margin-top: 14pt; }
.rule-red { border: 0; border-top: 2px solid #d40000; margin: 4mm 0 0 0; }
h1 {
  font-size: 22pt; line-height: 34pt; font-weight: 700; text-align: center;
  margin: 28.9pt 0 28.9pt 0;
}
.recipient { margin: 0; }
p.body { text-indent: 2em; margin: 0; text-align: justify; }
p.attachment { margin: 28.9pt 0 0 2em; }
.closing { page-break-inside: avoid; break-inside: avoid; }
.signature {
  margin-top: 6pt; display: flex; justify-content: flex-end; padding-right: 1em;
}
.signature .block {
  position: relative; min-width: 42mm; height: 40mm; padding: 0 1em; display: flex;
  flex-direction: column; white-space: nowrap;
  justify-content: center; align-items: center;
}
.signature .who, .signature .date { display: block; position: relative; z-index: 1; }
.seal {
  position: absolute; left: 50%; top: 0; width: 40mm; height: 40mm; margin-left: -20mm;
  border: 1.5px dashed #d40000; border-radius: 50%; color: #d40000; opacity: 0.6;
  text-align: center; padding-top: 4mm; box-sizing: border-box; font-size: 11pt;
  line-height: 14pt;
}
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 18pt;
  margin-top: 14pt; page-break-inside: auto; }
caption { font-family: "Noto Sans CJK SC", sans-serif; font-size: 14pt; text-align: left;
  padding-bottom: 6pt; }
th, td { border: 1px solid #000; padding: 2pt 5pt; }
th { font-family: "Noto Sans CJK SC", sans-serif; font-weight: 500; }
td.num { text-align: right; }
.record { margin-top: 40pt; page-break-inside: avoid; font-size: 14pt; line-height: 24pt; }
.record .line { border-top: 1px solid #000; }
.record .line.thick { border-top: 1.5px solid #000; }
.record .row { display: flex; justify-content: space-between; padding: 0 1em; }
"""


TEXT_WIDTH_PT = 156 / 25.4 * 72  # 156 mm: the width of the text block
MARK_PT = 30.0


def _mark_size(mark: str) -> float:
    """The authority's mark in one line: 30 pt, smaller for a long name."""
    return min(MARK_PT, TEXT_WIDTH_PT / (len(mark) * 1.08))


def render_official_html(doc: OfficialDocument) -> str:
    e = escape
    mark = doc.issuer + ("文件" if doc.kind == "通报" else "")
    # The last paragraph keeps the signature company: never a signature alone on a page.
    *lead, last = doc.paragraphs or ("",)
    body = "".join(f'<p class="body">{e(p)}</p>' for p in lead)
    attachments = "".join(
        f'<p class="attachment">{"附件：" if i == 0 else "　　　"}{i + 1}. {e(a)}</p>'
        for i, a in enumerate(doc.attachments)
    )
    tables = ""
    for caption, headers, rows in doc.tables:
        if not rows:
            continue
        head = "".join(f"<th>{e(h)}</th>" for h in headers)
        lines = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
        tables += f"<table><caption>{e(caption)}</caption><tr>{head}</tr>{lines}</table>"
    copies = (
        f'<div class="row"><span>抄送：{e("，".join(doc.copies_to))}。</span></div>'
        '<div class="line"></div>'
        if doc.copies_to
        else ""
    )
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{e(doc.number)} {e(doc.title)}</title>
<style>{CSS}</style></head>
<body>
<div class="mark" style="font-size: {_mark_size(mark):.1f}pt">{e(mark)}</div>
<div class="number">{e(doc.number)}</div>
<hr class="rule-red">
<h1>{e(doc.title)}</h1>
<p class="recipient">{e(doc.recipient)}：</p>
{body}
<div class="closing">
<p class="body">{e(last)}</p>
{attachments}
<div class="signature"><div class="block">
  <div class="seal">(印章位置)</div>
  <span class="who">{e(doc.signed_by)}</span>
  <span class="date">{e(doc.date_cn)}</span>
</div></div>
</div>
{tables}
<div class="record">
  <div class="line thick"></div>
  {copies}
  <div class="row"><span>{e(doc.issuer)}办公室</span><span>{e(doc.date_cn)}印发</span></div>
  <div class="line thick"></div>
</div>
</body></html>
"""


def official_pdf(doc: OfficialDocument, output: Path) -> Path:
    """Print the document to ``output`` as PDF."""
    return html_to_pdf(render_official_html(doc), output)
