"""Pure transforms of the dateline pipeline, one module per stage or product.

Nothing in here orchestrates or writes files: flows/ does that and calls these functions.
"""
