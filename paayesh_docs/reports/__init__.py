"""Reports made from the registry: the supervisor report of a cluster's quarter."""
