"""Word writer: real numbering, bookmarks and fields (see writer.py and _oxml.py)."""

from s75docs.render.docx.writer import render_docx

__all__ = ["render_docx"]
