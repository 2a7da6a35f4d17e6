"""Streamlit helpers shared by the pages (UI only: no SQL, no data logic)."""
