"""The course site that serves it all: the home and script pages, the teleprompter, and the live preview.

Imports from every other stage; nothing imports from it but the command line.
"""
