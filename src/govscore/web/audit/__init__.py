"""The audit trail (who changed what, when, from where, and why) and the version checks against lost updates."""
