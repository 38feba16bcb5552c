// How much of the command's output waits in memory before it is written. A big answer is tens of
// megabytes; stdio's default buffer for a file or a pipe is one block (4 KB), so an answer took one
// write call per 4 KB (about 15,000 for the 100,000-row bench answer) and those calls cost more than
// formatting the rows. Output that must appear at once (tail, MCP replies) is flushed by its writer.
#pragma once

#include <cstddef>
#include <cstdio>

namespace tinkr::cli {

/// The buffer given to an output that is not a terminal.
inline constexpr std::size_t kFileOutputBuffer = std::size_t{1} << 20;

/// Gives stream a kFileOutputBuffer-byte buffer unless it is a terminal (which keeps its line
/// buffering, so a person sees each row as it comes). Call before anything is written to stream.
void buffer_unless_terminal(std::FILE* stream);

}  // namespace tinkr::cli
