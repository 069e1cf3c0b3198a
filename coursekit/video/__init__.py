"""The video: narrated drafts from the built artifacts (speech, stills, encoding), and what comes back from a
recording (takes, their alignment to the script, captions, the finished video cut by the script, the
recordings lock).

Imports from coursekit.course and coursekit.build; never from the site stage.
"""
