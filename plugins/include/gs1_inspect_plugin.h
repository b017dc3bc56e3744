/* gs1-inspect plugins: the C ABI.
 *
 * A plugin is a shared object in the directory the station's configuration
 * names (`plugins.directory`); nothing is loaded from anywhere else. It
 * exports one function, gs1i_plugin_register(), returning a description of
 * itself: the ABI version it was built against, its name, and callbacks.
 * The station refuses a plugin whose ABI version is not its own, with a
 * message naming both, and runs on without it.
 *
 * Callbacks are called on the station's own threads: on_decision on the
 * cartons stage, once per carton, in decision order, after the carton's
 * journal record is on disk; on_divert on the divert scheduler's thread
 * when the carton reaches the diverter. They must return quickly (queue
 * slow work on a thread of the plugin's own) and must not keep the
 * pointers they are given beyond the call. A callback returns 0 when it
 * took the call; anything else is logged and counted as a failure.
 *
 * Compatibility: a struct may grow at its end in a later version of the
 * same ABI; `struct_size` says how much of it the caller filled in.
 */
#ifndef GS1_INSPECT_PLUGIN_H
#define GS1_INSPECT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GS1I_PLUGIN_ABI_VERSION 1u
#define GS1I_PLUGIN_ENTRY "gs1i_plugin_register"

/* One symbol read on the carton. */
typedef struct gs1i_symbol {
  const char* symbology; /* a name of the frame-set format: "gs1-128", "gs1-datamatrix", ... */
  const char* hri;       /* bracketed element string for GS1 data, text otherwise */
  int valid;             /* 1 when its GS1 data passed validation */
} gs1i_symbol;

/* A carton's decision: the journal record as a C struct and as JSON. */
typedef struct gs1i_decision {
  size_t struct_size;
  const char* carton;     /* the station's carton id */
  const char* verdict;    /* "pass" or "divert" */
  const char* reason;     /* "no-read", "invalid-data", ...; NULL for a pass */
  double first_seen_s;    /* capture clock, seconds */
  double last_seen_s;
  double decided_at_s;
  double divert_at_s;     /* when the divert fires; negative for a pass */
  const char* wall;       /* the decision's UTC time, ISO 8601 */
  size_t symbol_count;
  const gs1i_symbol* symbols;
  const char* json;       /* the journal record, one line of JSON */
} gs1i_decision;

/* A divert, as it is fired. */
typedef struct gs1i_divert {
  size_t struct_size;
  const char* carton;
  const char* reason;
  double divert_at_s;     /* when it was due (capture clock) */
  double fired_at_s;      /* when it was fired */
  int late;               /* 1 when decided after it was due */
} gs1i_divert;

typedef struct gs1i_plugin_info {
  uint32_t abi_version;   /* GS1I_PLUGIN_ABI_VERSION, as the plugin was built */
  const char* name;       /* the plugin's name: its settings key, its log lines */
  /* Makes the plugin's state from its settings (the text of
   * `plugins.settings.<name>`, or NULL); NULL when it cannot start, with
   * `error` (256 bytes) saying why. */
  void* (*create)(const char* settings, char* error);
  void (*destroy)(void* state);
  int (*on_decision)(void* state, const gs1i_decision* decision); /* may be NULL */
  int (*on_divert)(void* state, const gs1i_divert* divert);       /* may be NULL */
} gs1i_plugin_info;

#if defined(__GNUC__)
#define GS1I_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define GS1I_PLUGIN_EXPORT
#endif

/* Exported by every plugin: its description, valid while it is loaded. */
GS1I_PLUGIN_EXPORT const gs1i_plugin_info* gs1i_plugin_register(void);
typedef const gs1i_plugin_info* (*gs1i_plugin_register_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* GS1_INSPECT_PLUGIN_H */
