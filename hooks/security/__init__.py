"""The one sanitizer (``markup``) and the Content-Security-Policy (``csp``;
``extension.Security``).
"""
