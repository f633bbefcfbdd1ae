#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fork-join team of helper threads of its own, for the stream pipeline: the caller posts a
/// step of numbered tasks, the helpers start on them at once, the caller joins in when it is
/// free, and `finishStep()` returns when every task has run.
///
/// Its own POSIX threads rather than Dispatch's or Swift concurrency's shared pools: the
/// caller blocks while it waits, and a blocked pool thread (for instance an `async` caller's)
/// could leave the pool without a free thread to run the tasks.
final class WorkTeam: @unchecked Sendable {
    // @unchecked Sendable: every mutable property below is read and written only with
    // `mutex` held; the thread list only by the creating thread.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when a step is posted or the team stops.
    private let posted = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when the last task of a step has finished.
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []

    private var task: (@Sendable (Int) -> Void)?
    private var step = 0
    private var taskCount = 0
    private var nextTask = 0
    private var finishedTasks = 0
    private var stopping = false

    /// The number of helpers that, with the caller, use every online core (at least one).
    static var defaultHelperCount: Int {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return max(1, min(Int(cores) - 1, 63))
    }

    /// Starts `helperCount` threads, which wait for steps. Call `stop()` when done.
    init(helperCount: Int) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(posted, nil)
        pthread_cond_init(finished, nil)
        for _ in 0..<helperCount {
            // The helper holds the team until it returns from `helperLoop()`.
            let context = Unmanaged.passRetained(self).toOpaque()
            if let thread = Self.startThread(context) {
                threads.append(thread)
            } else {
                Unmanaged<WorkTeam>.fromOpaque(context).release()  // the caller does it all
            }
        }
    }

    deinit {
        pthread_cond_destroy(finished)
        pthread_cond_destroy(posted)
        pthread_mutex_destroy(mutex)
        finished.deallocate()
        posted.deallocate()
        mutex.deallocate()
    }

    /// Posts tasks `0..<count` of `task`; helpers start on them at once, in order.
    func beginStep(taskCount count: Int, _ task: @escaping @Sendable (Int) -> Void) {
        pthread_mutex_lock(mutex)
        precondition(self.task == nil, "a step is already running")
        self.task = task
        taskCount = count
        nextTask = 0
        finishedTasks = 0
        step += 1
        pthread_cond_broadcast(posted)
        pthread_mutex_unlock(mutex)
    }

    /// Runs the step's remaining tasks on the calling thread too, then waits for the helpers'.
    func finishStep() {
        pthread_mutex_lock(mutex)
        runTasks()
        while finishedTasks < taskCount {
            pthread_cond_wait(finished, mutex)
        }
        task = nil
        pthread_mutex_unlock(mutex)
    }

    /// Ends the helper threads and waits for them. The team can't be used afterwards.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_broadcast(posted)
        pthread_mutex_unlock(mutex)
        for thread in threads {
            pthread_join(thread, nil)
        }
        threads = []
    }

    /// Claims and runs tasks of the current step until none is left. Called and returns with
    /// `mutex` held; runs each task without it.
    private func runTasks() {
        guard let task else { return }
        while nextTask < taskCount {
            let index = nextTask
            nextTask += 1
            pthread_mutex_unlock(mutex)
            task(index)
            pthread_mutex_lock(mutex)
            finishedTasks += 1
            if finishedTasks == taskCount { pthread_cond_signal(finished) }
        }
    }

    /// A helper's life: wait for a step, work on it, repeat until stopped.
    private func helperLoop() {
        var seenStep = 0
        pthread_mutex_lock(mutex)
        while true {
            while step == seenStep && !stopping {
                pthread_cond_wait(posted, mutex)
            }
            if stopping { break }
            seenStep = step
            runTasks()
        }
        pthread_mutex_unlock(mutex)
    }

    /// Starts a thread running `helperLoop()` of the team retained at `context`.
    private static func startThread(_ context: UnsafeMutableRawPointer) -> pthread_t? {
        #if canImport(Glibc)
            var thread = pthread_t()
            let result = pthread_create(
                &thread, nil,
                { context in
                    Unmanaged<WorkTeam>.fromOpaque(context!).takeRetainedValue().helperLoop()
                    return nil
                }, context)
            return result == 0 ? thread : nil
        #else
            var thread: pthread_t? = nil
            let result = pthread_create(
                &thread, nil,
                { context in
                    Unmanaged<WorkTeam>.fromOpaque(context).takeRetainedValue().helperLoop()
                    return nil
                }, context)
            return result == 0 ? thread : nil
        #endif
    }
}
