"""What turns the course's sources into artifacts: demo runs and their timings, decks (also self-contained),
front-end assets, rendered scenes, downloads and handouts, and the headless browser they share.

Imports from coursekit.course; never from the video or site stages.
"""
