"""paayesh-docs: document automation and correspondence tracking for Persian secretariats."""

__version__ = "0.1.0"
