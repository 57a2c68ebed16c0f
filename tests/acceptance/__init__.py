"""The acceptance suite: the whole product run as an office runs it (issue 11)."""
