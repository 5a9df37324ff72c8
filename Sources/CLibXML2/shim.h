#ifndef NQL_CLIBXML2_SHIM_H
#define NQL_CLIBXML2_SHIM_H
#if !__has_include(<libxml/HTMLparser.h>)
#error "libxml2 headers not found: run `apt-get install libxml2-dev` (or Scripts/setup)"
#endif
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and <libxml/encoding.h> then pulls in the
   system <unicode/ucnv.h>, whose UErrorCode clashes with Foundation's own ICU
   (_FoundationICU) in any Swift file that imports both. NQL never uses libxml2's
   ICU converters, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* libxml2 prints parse and encoding errors to stderr by default; NQL reports
   its own one-line message per file instead. The handler is per thread, so
   each parse calls nql_xml_silence() first. (Swift cannot write a C variadic
   function, hence this shim.) */
static void nql_xml_ignore(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}
static inline void nql_xml_silence(void) {
    xmlSetGenericErrorFunc(NULL, nql_xml_ignore);
}
#endif
