"""The parts of the network staff's home, each contributed by the app that owns its data.

As for a Cité's home (`core/homes.py`, whose registry class this uses): an app above `network`
declares, in its own `homes.py`, a panel — to whom it applies (a predicate on the user, from that
app's perms), a template and a function reading what it shows (under the network's scope, so only
what the network shares) — and the network home renders those that apply, without importing the
apps that fill it.
"""

from __future__ import annotations

from citemetiers.core.homes import PanelRegistry

# Network staff hold no membership of a Cité: their panels are asked about the user.
network_home = PanelRegistry(subject=lambda request: request.user)
panel = network_home.panel
panels = network_home.panels
panels_for = network_home.panels_for
