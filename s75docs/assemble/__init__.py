"""Assembly: scheme data + library -> document tree. Numbers nothing, resolves nothing."""
