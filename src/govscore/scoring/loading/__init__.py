"""Reading framework and evaluation files, with every problem located and explained."""
