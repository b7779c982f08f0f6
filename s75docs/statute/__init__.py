"""The law an agreement must meet: the statutory profile."""
