"""Results of the years before govscore, imported from their published tables as read-only periods."""
