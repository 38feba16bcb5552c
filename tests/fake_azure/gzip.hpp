// gzip for the fake Azure: compressing answers for clients that ask (as Log Analytics does), and
// the bodies tests need to check a client's inflating: a gzip bomb and a garbled stream.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tinkr::fake_azure {

/// text as one gzip stream (zlib's default level, as a web server's).
std::string gzip(std::string_view text);

/// A valid gzip stream of prefix followed by repeats copies of chunk, made without ever holding the
/// inflated text: each copy is one byte-aligned deflate segment, compressed once and repeated. With a
/// megabyte of spaces as chunk, 4096 repeats claim 4 GiB in about 4 MB.
std::string gzip_repeated(std::string_view prefix, std::string_view chunk, uint64_t repeats);

/// True when the request's Accept-Encoding lists gzip.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace tinkr::fake_azure
