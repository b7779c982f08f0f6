"""Writers: thin renderers of a resolved tree. They resolve nothing themselves."""
