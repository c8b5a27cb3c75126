"""Entitlement Explorer: Okta and Auth0 support entitlements from contract spreadsheets."""

__version__ = "0.1.0"
