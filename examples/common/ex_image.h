/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ex_image.h - grayscale images from BMP, PGM and PNG files, and the
 * scale-and-crop step of a camera pipeline.
 *
 * Formats (chosen by the file's first bytes, not its name):
 *  - BMP: uncompressed (BI_RGB), 1/4/8-bit palettized (palette entries
 *    turned to gray), 24-bit BGR and 32-bit BGRx; bottom-up or top-down;
 *    BITMAPCOREHEADER through BITMAPV5HEADER.
 *  - PGM: P5 (binary) and P2 (ASCII), any maxval up to 65535, comments.
 *  - PNG: every colour type and bit depth of the standard (gray, RGB,
 *    palette, gray+alpha, RGBA; 1 to 16 bits), non-interlaced; decoded
 *    with ex_inflate (no zlib), chunk CRCs and Adler-32 checked. Alpha is
 *    ignored (the colour is used as it is).
 * Colour becomes gray as BT.601 luma, (77 R + 150 G + 29 B + 128) >> 8;
 * samples of other depths are scaled to 0..255.
 */
#ifndef EX_IMAGE_H
#define EX_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/* Largest image accepted, in pixels (the decoded image is held whole). */
#define EX_IMAGE_MAX_PIXELS (16u * 1024 * 1024)

/* An 8-bit grayscale image, rows top to bottom. */
typedef struct ex_image {
	uint32_t w; /* width in pixels */
	uint32_t h; /* height in pixels */
	uint8_t *px; /* w * h bytes, heap (ex_image_free) */
	const char *format; /* static text: "BMP 8-bit palette", "PNG" ... */
} ex_image;

/* Decodes an image held in memory. Returns 0, or -1 with a one-line
 * message in err (nothing allocated). */
int ex_image_decode(ex_image *im, const uint8_t *data, size_t len, char *err,
		    size_t err_n);

/* Reads and decodes a file; as ex_image_decode, messages name the path. */
int ex_image_load(ex_image *im, const char *path, char *err, size_t err_n);

void ex_image_free(ex_image *im);

/*
 * Scales and center-crops `im` to fill out_w x out_h, as a camera
 * pipeline does: the largest centered region with the output's aspect
 * ratio is resampled, by area averaging where it shrinks and bilinear
 * interpolation where it grows. An image already of the output size is
 * copied unchanged. Returns -1 if the temporary buffer cannot be
 * allocated.
 */
int ex_image_fit(const ex_image *im, uint8_t *out, uint32_t out_w,
		 uint32_t out_h);

#endif /* EX_IMAGE_H */
