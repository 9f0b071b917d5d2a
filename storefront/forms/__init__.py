"""Forms of the buying pages: they parse and label input; the rules stay in the domain services,
whose errors the views put next to the field they name (`errors.add_domain_error`)."""
