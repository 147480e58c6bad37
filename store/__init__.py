"""duban's store: the domain, the importer, storage and queries.  Never imports textual or rich."""
