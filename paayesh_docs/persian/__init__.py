"""Persian text and Jalali dates: the one way every stage cleans text and reads dates."""
