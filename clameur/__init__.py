"""Clameur: a dashboard for hashtag campaigns (pure-Python core; never imports Streamlit)."""

__version__ = "0.1.0"
