"""The clause library: loading stacked library folders and rendering their Jinja safely."""
