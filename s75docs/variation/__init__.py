"""Deeds of variation: compare two versions, word the changes, prove them by applying."""
