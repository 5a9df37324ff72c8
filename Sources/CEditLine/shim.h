#ifndef NQL_CEDITLINE_SHIM_H
#define NQL_CEDITLINE_SHIM_H
#if !__has_include(<histedit.h>)
#error "libedit headers not found: run `apt-get install libedit-dev` (or Scripts/setup)"
#endif
#include <histedit.h>
#endif
