"""The API groups, one module (or folder, for families) per group, mirroring ``types/``.

Each is loaded on first use through the client's properties; importing this package loads
none of them.
"""
