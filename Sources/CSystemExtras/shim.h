#ifndef KEEPSAKE_CSYSTEMEXTRAS_SHIM_H
#define KEEPSAKE_CSYSTEMEXTRAS_SHIM_H

// System calls the Swift Glibc module does not expose. Used only by the CLI's start-up
// hardening (no libsodium here: that stays behind KeepsakeCrypto).
#ifdef __linux__
#include <sys/prctl.h>

/// Marks the process non-dumpable (no core file, no ptrace by other users).
static inline int keepsake_set_non_dumpable(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }
#else
static inline int keepsake_set_non_dumpable(void) { return 0; }
#endif

#endif
