"""The Excel SLA report."""
