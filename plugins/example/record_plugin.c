/* The example plugin: writes every decision and divert it receives to a
 * file, one line each. Its settings are the file's path (default:
 * gs1i-record-plugin.txt in the station's working directory).
 *
 *   plugins:
 *     directory: /usr/local/lib/gs1-inspect/plugins
 *     settings:
 *       record: /var/log/gs1-inspect/record.txt
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs1_inspect_plugin.h"

typedef struct record_state {
  FILE* out;
} record_state;

static void* record_create(const char* settings, char* error) {
  const char* path = settings != NULL && settings[0] != '\0' ? settings : "gs1i-record-plugin.txt";
  record_state* state = malloc(sizeof *state);
  if (state == NULL) {
    snprintf(error, 256, "out of memory");
    return NULL;
  }
  state->out = fopen(path, "a");
  if (state->out == NULL) {
    snprintf(error, 256, "%s cannot be opened for appending", path);
    free(state);
    return NULL;
  }
  return state;
}

static void record_destroy(void* state) {
  record_state* s = state;
  fclose(s->out);
  free(s);
}

static int record_decision(void* state, const gs1i_decision* d) {
  record_state* s = state;
  fprintf(s->out, "decision %s %s %s symbols=%zu", d->carton, d->verdict, d->reason != NULL ? d->reason : "-",
          d->symbol_count);
  for (size_t i = 0; i < d->symbol_count; ++i)
    fprintf(s->out, " %s%s%s", d->symbols[i].symbology, d->symbols[i].valid ? "=" : "!=", d->symbols[i].hri);
  fprintf(s->out, " json=%s\n", d->json);
  return fflush(s->out) == 0 ? 0 : 1;
}

static int record_divert(void* state, const gs1i_divert* d) {
  record_state* s = state;
  fprintf(s->out, "divert %s %s due=%.3f fired=%.3f%s\n", d->carton, d->reason, d->divert_at_s, d->fired_at_s,
          d->late ? " late" : "");
  return fflush(s->out) == 0 ? 0 : 1;
}

static const gs1i_plugin_info info = {GS1I_PLUGIN_ABI_VERSION, "record", record_create, record_destroy,
                                      record_decision, record_divert};

GS1I_PLUGIN_EXPORT const gs1i_plugin_info* gs1i_plugin_register(void) { return &info; }
