// The Azure plugin's one exported symbol, tinkr_plugin_entry (built into the loadable module only;
// tests link tinkr_azure_impl without it).
#include "backend/azure_backend.hpp"

TINKR_EXPORT_BACKEND(tinkr::azure::AzureBackend)
