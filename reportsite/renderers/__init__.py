"""Renderers turn the site model into files: HTML pages now, PDFs, feeds and search later."""
