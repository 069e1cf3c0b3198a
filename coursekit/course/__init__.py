"""The course as its author writes it: sections, scripts and their cues, demo cells, notebooks, scenes'
descriptions, the lexicon and timing, and the checks that hold them together. Reads sources, builds nothing.

Imports only from itself: every other stage builds on this one.
"""
