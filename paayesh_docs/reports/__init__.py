"""Reports made from the registry and tracking: the directive's periodic reports (to come).

The supervisor report of a cluster's quarter is a composed document: `compose.supervisor`.
"""
