"""The `govscore` command line."""
