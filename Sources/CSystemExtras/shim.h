#ifndef KEEPSAKE_CSYSTEMEXTRAS_SHIM_H
#define KEEPSAKE_CSYSTEMEXTRAS_SHIM_H

// System calls the Swift Glibc module does not expose. Used by the CLI's start-up hardening,
// the bundle reader's in-memory files and the file sinks' write-behind. No libsodium here:
// that stays behind KeepsakeCrypto's Sodium/ files.
#ifdef __linux__
#include <fcntl.h>
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

/// Starts writing back the dirty pages of `count` bytes at `offset` of `fd` without waiting
/// (sync_file_range with SYNC_FILE_RANGE_WRITE), so a later fsync has less left to wait for.
/// A hint: returns 0 where the call is not available, -1 on error (errno set).
static inline int keepsake_start_writeback(int fd, long long offset, long long count) {
#if defined(SYS_sync_file_range) && (defined(__x86_64__) || defined(__aarch64__))
    return (int)syscall(SYS_sync_file_range, fd, (long)offset, (long)count, 2u /* SYNC_FILE_RANGE_WRITE */);
#else
    (void)fd; (void)offset; (void)count;
    return 0;
#endif
}

/// Asks the kernel to start reading `count` bytes at `offset` of `fd` into the page cache
/// without waiting (posix_fadvise POSIX_FADV_WILLNEED): read-ahead for a reader that reads a
/// file's chunks from several threads. A hint: returns 0, or an error number, ignored.
static inline int keepsake_start_read_ahead(int fd, long long offset, long long count) {
    return posix_fadvise(fd, (off_t)offset, (off_t)count, POSIX_FADV_WILLNEED);
}
#else
static inline int keepsake_start_read_ahead(int fd, long long offset, long long count) {
    (void)fd; (void)offset; (void)count;
    return 0;
}
static inline int keepsake_set_non_dumpable(void) { return 0; }
static inline int keepsake_memory_file(void) { return -1; }
static inline int keepsake_start_writeback(int fd, long long offset, long long count) {
    (void)fd; (void)offset; (void)count;
    return 0;
}
#endif

#endif
