"""The application layer: what the user has open and everything said about it (Qt-free)."""
