"""The format-neutral document tree shared by builder, checker, deeds and reports."""
