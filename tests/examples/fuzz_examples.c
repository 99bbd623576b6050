/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_examples.c - libFuzzer target for the examples' parsers of
 * untrusted files: the image decoders (BMP, PGM, PNG with its inflate)
 * and the zlib decoder on its own. The first byte picks the parser.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iexamples/common \
 *     -Iinclude tests/examples/fuzz_examples.c examples/common/ex_image.c \
 *     examples/common/ex_inflate.c examples/common/ex_net.c build/libmote.a
 */
#include "ex_image.h"
#include "ex_inflate.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1) {
		uint8_t out[4096];
		size_t got;
		ex_zlib_decompress(out, sizeof out, &got, data + 1, size - 1);
		return 0;
	}
	ex_image im;
	char err[200];
	if (ex_image_decode(&im, data + 1, size - 1, err, sizeof err) == 0) {
		uint8_t fit[96 * 96];
		if ((uint64_t)im.w * im.h <= 1u << 20)
			ex_image_fit(&im, fit, 96, 96);
		ex_image_free(&im);
	}
	return 0;
}
