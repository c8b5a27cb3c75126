"""Reading contract books and case logs."""
