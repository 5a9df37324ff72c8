#ifndef NQL_CLIBXML2_SHIM_H
#define NQL_CLIBXML2_SHIM_H
#if !__has_include(<libxml/HTMLparser.h>)
#error "libxml2 headers not found: run `apt-get install libxml2-dev` (or Scripts/setup)"
#endif
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#endif
