"""OOXML names the Word writer and the checker share: namespaces and relationship types."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# relationship types are named inside the relationships namespace
OFFICE_DOCUMENT_REL = f"{R_NS}/officeDocument"
COMMENTS_REL = f"{R_NS}/comments"
