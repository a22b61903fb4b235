"""Organization administration types: one module per API group."""
