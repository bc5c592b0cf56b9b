"""Nothing runs that the author did not write as a script file: one sanitizer, one policy.

``markup`` is the site's one sanitizer (pure): allowlists and checkers for SVG figures, the
HTML of notebook cells and CSS, and the check of a built page against the policy; the
figures and notebooks extensions call it. ``csp`` puts a Content-Security-Policy on every page
and fails the build for anything that policy would block. ``hooks/events.py`` says when
each handler runs (the policy goes last on every page).
"""

from __future__ import annotations

from hooks.security.csp import ContentSecurityPolicy


class Security:
    def __init__(self) -> None:
        self.policy = ContentSecurityPolicy()

    def note_command(self, command, dirty):
        self.policy.start(command)

    def read_policy_settings(self, config):
        self.policy.configure()
        return config

    def apply_policy_to_page(self, output, page, config):
        return self.policy.apply(output, f"docs/{page.file.src_uri}", config)

    def apply_policy_to_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self.policy.apply(output_content, f"{template_name} (theme template)", config)
