"""Views of the action plan, one module per concern (the app has many pages)."""
