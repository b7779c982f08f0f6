"""The checker: read an existing agreement (Word or text) into the tree and find faults."""
