"""Channels: Microsoft Teams, Slack and the website chat page."""
