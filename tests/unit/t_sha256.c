/*
 * t_sha256.c: SHA-256 against FIPS 180-4 (and its NIST examples) and
 * HMAC-SHA-256 against RFC 4231, test cases 1 to 7.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "tap.h"

static void
digest_is(const char *msg, size_t n, const char *want, const char *name)
{
	unsigned char d[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1];

	sha256(msg, n, d);
	hex_encode(d, sizeof(d), hex);
	is_str(hex, want, "%s", name);
}

static void
hmac_is(const unsigned char *key, size_t klen, const char *msg, size_t mlen,
    const char *want, const char *name)
{
	unsigned char d[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1];

	hmac_sha256(key, klen, msg, mlen, d);
	hex_encode(d, sizeof(d), hex);
	/* Test case 5 gives only the first 128 bits. */
	hex[strlen(want)] = '\0';
	is_str(hex, want, "%s", name);
}

static void
test_sha256(void)
{
	static const char two[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char long896[] =
	    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	struct sha256 c;
	unsigned char d[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1], *big;
	size_t i;

	digest_is("abc", 3, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad", "FIPS 180-4: abc");
	digest_is("", 0, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855", "empty message");
	digest_is(two, strlen(two), "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1", "FIPS 180-4: two blocks");
	digest_is(long896, strlen(long896), "cf5b16a778af8380036ce59e7b049237"
	    "0b249b11e8f07a51afac45037afee9d1", "896-bit message");
	big = malloc(1000000);
	memset(big, 'a', 1000000);
	digest_is(big, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0", "one million 'a'");
	/* The same, fed in uneven pieces. */
	sha256_init(&c);
	for (i = 0; i < 1000000; i += 997)
		sha256_update(&c, big + i, i + 997 > 1000000 ? 1000000 - i : 997);
	sha256_final(&c, d);
	hex_encode(d, sizeof(d), hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0", "one million 'a' in pieces");
	free(big);
	/* Lengths around the padding boundary (55, 56, 63, 64 bytes). */
	digest_is("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 55,
	    "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
	    "55 bytes");
	digest_is("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 56,
	    "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
	    "56 bytes");
	digest_is("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
	    "64 bytes");
}

static void
test_hmac(void)
{
	unsigned char key[131];
	char data[50];
	size_t i;

	memset(key, 0x0b, 20);
	hmac_is(key, 20, "Hi There", 8, "b0344c61d8db38535ca8afceaf0bf12b"
	    "881dc200c9833da726e9376c2e32cff7", "RFC 4231 test case 1");
	hmac_is((const unsigned char *)"Jefe", 4,
	    "what do ya want for nothing?", 28,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	    "RFC 4231 test case 2");
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	hmac_is(key, 20, data, 50, "773ea91e36800e46854db8ebd09181a7"
	    "2959098b3ef8c122d9635514ced565fe", "RFC 4231 test case 3");
	for (i = 0; i < 25; i++)
		key[i] = (unsigned char)(i + 1);
	memset(data, 0xcd, 50);
	hmac_is(key, 25, data, 50, "82558a389a443c0ea4cc819899f2083a"
	    "85f0faa3e578f8077a2e3ff46729665b", "RFC 4231 test case 4");
	memset(key, 0x0c, 20);
	hmac_is(key, 20, "Test With Truncation", 20,
	    "a3b6167473100ee06e0c796c2955552b", "RFC 4231 test case 5");
	memset(key, 0xaa, 131);
	hmac_is(key, 131, "Test Using Larger Than Block-Size Key - Hash Key "
	    "First", 54, "60e431591ee0b67f0d8a26aacbf5b77f"
	    "8e0bc6213728c5140546040f0ee37f54", "RFC 4231 test case 6");
	hmac_is(key, 131, "This is a test using a larger than block-size key "
	    "and a larger than block-size data. The key needs to be hashed "
	    "before being used by the HMAC algorithm.", 152,
	    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
	    "RFC 4231 test case 7");
}

static void
test_hex(void)
{
	unsigned char b[4];
	char s[9];

	ok(hex_decode("00ff10Ab", b, 4) == 0 && b[0] == 0 && b[1] == 0xff &&
	    b[2] == 0x10 && b[3] == 0xab, "hex decodes");
	hex_encode(b, 4, s);
	is_str(s, "00ff10ab", "hex encodes lowercase");
	ok(hex_decode("00ff10a", b, 4) == -1, "short hex is refused");
	ok(hex_decode("00ff10abc", b, 4) == -1, "long hex is refused");
	ok(hex_decode("00ff10ag", b, 4) == -1, "non-hex is refused");
}

int
main(void)
{
	test_sha256();
	test_hmac();
	test_hex();
	return tap_done();
}
