"""The govscore web application: stores, shows and collects; the scoring core computes."""
