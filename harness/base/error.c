#include <stdarg.h>
#include <stdio.h>

#include "base/error.h"

int sb_error_set(struct sb_error *e, const char *fmt, ...)
{
	if (!e)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}
