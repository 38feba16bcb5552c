// plugin_entry.cpp: exports the local backend as this module's tinkr_plugin_entry.
#include "local_backend.hpp"

TINKR_EXPORT_BACKEND(tinkr::local::LocalBackend)
