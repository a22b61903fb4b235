"""Typed request and response models, one module per API group.

Modules are imported on demand (``from async_openai_wasm.types.chat import ...``) so that
importing the package does not build every model.
"""
