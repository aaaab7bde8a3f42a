"""The outbound dialer: works the campaigns' contacts from a schedule in Redis, paced, within calling
windows, through the telephony port, and records every attempt. See docs/dialer.md."""
