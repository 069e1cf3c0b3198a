"""coursekit: the production pipeline of the Introduction to PyTorch course.

Imports here stay light (no torch, manim or nbconvert) so that commands which do nothing return fast.
"""

__version__ = "0.1.0"
