"""Board reports approving an agreement or a variation: context from data and the tree, docxtpl."""
