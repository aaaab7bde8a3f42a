"""Outbound broadcasts (автообзвон): campaigns, their per-contact states and attempts, and the do-not-call
list — the data the API writes and the dialer works on."""
