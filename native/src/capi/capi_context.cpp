// Context entry points of the own engine: validated parameters, presets and their properties
// (capi/context_entry_points.hpp, shared with the SEAL backend).
#include "capi/capi_handles.hpp"
#include "capi/context_entry_points.hpp"

extern "C" {

HE4J_CONTEXT_ENTRY_POINTS(he4j::ckks::Context)

}  // extern "C"
