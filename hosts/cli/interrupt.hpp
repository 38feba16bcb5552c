// Ctrl-C: the first SIGINT cancels the running query (commands then end cleanly); a second one
// ends the process at once, as the default action would.
#pragma once

#include <tinkr/engine.hpp>

namespace tinkr::cli {

/// Installs the handler; `cancel` must outlive the process's use of it (main's context).
void cancel_on_interrupt(const CancelSource& cancel);

}  // namespace tinkr::cli
