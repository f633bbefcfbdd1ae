#ifndef KEEPSAKE_CSYSTEMEXTRAS_SHIM_H
#define KEEPSAKE_CSYSTEMEXTRAS_SHIM_H

// System calls the Swift Glibc module does not expose. Used by the CLI's start-up hardening
// and by the bundle reader's in-memory files (no libsodium here: that stays behind
// KeepsakeCrypto).
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/// Marks the process non-dumpable (no core file, no ptrace by other users).
static inline int keepsake_set_non_dumpable(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }

/// An anonymous file that lives only in memory (memfd_create with MFD_CLOEXEC), or -1.
static inline int keepsake_memory_file(void) {
#ifdef SYS_memfd_create
    return (int)syscall(SYS_memfd_create, "keepsake", 1u /* MFD_CLOEXEC */);
#else
    return -1;
#endif
}
#else
static inline int keepsake_set_non_dumpable(void) { return 0; }
static inline int keepsake_memory_file(void) { return -1; }
#endif

#endif
