/* A plugin built for another version of the plugin ABI: the station must
 * refuse it, naming both versions. */
#include <stddef.h>

#include "gs1_inspect_plugin.h"

static void* create(const char* settings, char* error) {
  (void)settings;
  (void)error;
  return NULL;
}

static const gs1i_plugin_info info = {GS1I_PLUGIN_ABI_VERSION + 1u, "future", create, NULL, NULL, NULL};

GS1I_PLUGIN_EXPORT const gs1i_plugin_info* gs1i_plugin_register(void) { return &info; }
