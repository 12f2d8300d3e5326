using System.Collections.Concurrent;
using AutoTracker.Domain;

namespace AutoTracker.EntityFrameworkCore.Sqlite;

/// <summary>
/// Named locks for a SQLite database, held in this process. SQLite serves a single node, so the holders that
/// can meet are in one process.
/// </summary>
/// <remarks>NOTE: two processes on one SQLite file (the web app and the DbMigrator started together) are not serialized.</remarks>
public sealed class SqliteDatabaseLock : IDatabaseLock
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var semaphore = Locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        if (!await semaphore.WaitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"The database lock '{name}' was not free within {timeout.TotalSeconds} seconds.");
        }

        return new Handle(semaphore);
    }

    private sealed class Handle(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
