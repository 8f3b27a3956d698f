/*
 * fuzz_json.c: libFuzzer entry for harness_json() (see harness.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "harness.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return harness_json(data, size);
}
