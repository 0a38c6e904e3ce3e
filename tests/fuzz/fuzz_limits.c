/* libFuzzer target: the limits-file reader (harness/files/limitfile.c),
 * names resolved against the real registry. */
#include <math.h>

#include "fuzz_common.h"
#include "files/limitfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file("limits", data, size);
	size_t n = 12345;
	struct sb_error e = { "" };
	struct sb_limit *lim = sb_limits_read(path, &n, &e);
	if (!lim) {
		fuzz_check_error(e.msg);
		return 0;
	}
	/* what limitfile.h promises for each parsed line */
	FUZZ_ASSERT(n >= 1);
	for (size_t i = 0; i < n; i++) {
		FUZZ_ASSERT(lim[i].v != NULL && lim[i].v->name != NULL);
		FUZZ_ASSERT((int)lim[i].metric >= SB_M_ULP && lim[i].metric <= SB_M_OOB);
		FUZZ_ASSERT(sb_metric_name(lim[i].metric) != NULL);
		FUZZ_ASSERT(isfinite(lim[i].bound) && lim[i].bound >= 0);
		FUZZ_ASSERT(!isnan(lim[i].lo) && !isnan(lim[i].hi) && lim[i].lo < lim[i].hi);
		FUZZ_ASSERT(lim[i].line >= 1 && (i == 0 || lim[i].line > lim[i - 1].line));
	}
	free(lim);
	return 0;
}
